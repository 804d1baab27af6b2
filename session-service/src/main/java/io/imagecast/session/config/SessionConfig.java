package io.imagecast.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

@ConfigMapping(prefix = "imagecast.session")
public interface SessionConfig {
    /** CloudEvents source of everything this service publishes. */
    @WithDefault("imagecast/session-service")
    String eventSource();

    Defaults defaults();

    Liveness liveness();

    Outbox outbox();

    Sse sse();

    Queue queue();

    Ui ui();

    interface Ui {
        /**
         * Where the sessions page links for logs: log-service's viewer, which runs on another origin
         * (environment: IMAGECAST_SESSION_UI_LOG_VIEWER_URL).
         */
        @WithDefault("http://localhost:8083/viewer/")
        String logViewerUrl();
    }

    interface Queue {
        /** A session still QUEUED this long after it was due fails instead of waiting forever. */
        @WithDefault("2h")
        Duration maxWait();
    }

    interface Defaults {
        @WithDefault("600")
        int maxWaitSeconds();

        /** FOG passes no start timeout, so a sender without receivers waits forever; we never do. */
        @WithDefault("3600")
        int startTimeoutSeconds();

        @WithDefault("32")
        int ttl();
    }

    interface Liveness {
        /** How often sessions are checked; read by the scheduler as ${imagecast.session.liveness.check-interval}. */
        @WithDefault("2s")
        Duration checkInterval();

        /**
         * A node silent (no heartbeat, no transfer event) this long loses its sessions. With the
         * check interval this bounds how long a lost sender's session stays open (22 s), while
         * heartbeats (every 5 s) may be missed three times.
         */
        @WithDefault("20s")
        Duration senderLostAfter();

        /** Extra time past a session's start timeout, so the sender's own verdict arrives first. */
        @WithDefault("15s")
        Duration startTimeoutGrace();

        /** How long processed event ids are kept for de-duplication. */
        @WithDefault("P7D")
        Duration processedEventRetention();
    }

    interface Outbox {
        /** How often the relay looks for unpublished commands. */
        @WithDefault("1s")
        String interval();

        @WithDefault("100")
        int batchSize();

        /** Bounds how long one relay pass may wait on an unreachable broker. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Sse {
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * Live-progress streams one process serves at once; one more is answered 503 with
         * Retry-After. Each polls one row per poll interval, so 256 streams are 256 short reads a
         * second against a pool of 20 connections.
         */
        @WithDefault("256")
        @WithName("max-streams")
        int maxStreams();
    }
}
