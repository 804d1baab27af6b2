package io.imagecast.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Identity, storage and limits of this storage node; the registry may override some of them live. */
@ConfigMapping(prefix = "imagecast.sender")
public interface SenderConfig {
    /** The node id the registry knows this node by; commands for other ids are ignored. */
    String nodeId();

    /** Directory the image paths of start commands are relative to; nothing outside it is ever sent. */
    Path storageRoot();

    /** Where the node keeps its durable record of sessions (seen ids, in-flight transfers). */
    Path stateDir();

    /** Interface used until the registry has spoken for this node; after that only the registry's counts. */
    Optional<String> interfaceName();

    /** Bitrate cap until the registry sends one; absent means uncapped. */
    Optional<Long> maxBitrateBps();

    @WithDefault("4")
    int maxSessions();

    @WithDefault("5s")
    Duration heartbeatInterval();

    @WithDefault("1s")
    Duration progressInterval();

    /** A start command older than this is answered with a failure instead of being run. */
    @WithDefault("15m")
    Duration commandMaxAge();

    /** How long finished session ids are remembered for duplicate detection. */
    @WithDefault("7d")
    Duration ledgerRetention();

    /** How long shutdown waits for running transfers to report their cancellation. */
    @WithDefault("10s")
    Duration shutdownGrace();
}
