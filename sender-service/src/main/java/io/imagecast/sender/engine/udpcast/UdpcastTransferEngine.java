package io.imagecast.sender.engine.udpcast;

import io.imagecast.sender.domain.ImageFile;
import io.imagecast.sender.engine.TransferEngine;
import io.imagecast.sender.engine.TransferHandle;
import io.imagecast.sender.engine.TransferListener;
import io.imagecast.sender.engine.TransferPlan;
import io.imagecast.sender.engine.TransferStartException;
import io.imagecast.udpcast.sender.Duplex;
import io.imagecast.udpcast.sender.SenderConfig;
import io.imagecast.udpcast.sender.UdpcastSender;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** Runs transfers with the imagecast udpcast engine (libs/udpcast) on Quarkus' Vert.x instance. */
@ApplicationScoped
public class UdpcastTransferEngine implements TransferEngine {
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(10);

    private final Vertx vertx;

    public UdpcastTransferEngine(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public TransferHandle start(TransferPlan plan, TransferListener listener) throws TransferStartException {
        SenderConfig config;
        try {
            config = configOf(plan);
        } catch (IllegalArgumentException e) {
            throw new TransferStartException(e.getMessage(), e);
        }
        EventTranslator translator = new EventTranslator(listener);
        UdpcastSender sender = UdpcastSender.create(
                vertx, config, plan.files().stream().map(ImageFile::path).toList(), translator::accept);
        sender.start().whenComplete((result, error) -> {
            if (error != null) {
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                translator.startFailed(cause.getMessage());
            }
        });
        return new UdpcastHandle(sender, translator);
    }

    static SenderConfig configOf(TransferPlan plan) {
        SenderConfig.Builder builder = SenderConfig.builder()
                .interfaceName(plan.interfaceName())
                .portBase(plan.portBase())
                .dataAddress(blankToNull(plan.dataAddress()))
                .rendezvousAddress(multicastOrNull(plan.rendezvousAddress()))
                .ttl(plan.ttl() > 0 ? plan.ttl() : 1)
                .minReceivers(Math.max(0, plan.minReceivers()))
                .startTimeout(
                        plan.startTimeoutSeconds() > 0
                                ? Duration.ofSeconds(plan.startTimeoutSeconds())
                                : DEFAULT_START_TIMEOUT)
                .maxBitrate(plan.maxBitrateBps() == null ? 0 : plan.maxBitrateBps())
                .duplex(plan.fullDuplex() ? Duplex.FULL : Duplex.HALF);
        if (plan.maxWaitSeconds() != null) {
            builder.maxWait(Duration.ofSeconds(plan.maxWaitSeconds()));
        }
        if (plan.minWaitSeconds() != null) {
            builder.minWait(Duration.ofSeconds(plan.minWaitSeconds()));
        }
        return builder.build();
    }

    /**
     * FOG clients name the storage node's own (unicast) address as rendezvous; the sender receives
     * that on its interface address anyway, so only a multicast rendezvous group is passed on.
     */
    private static String multicastOrNull(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(address).isMulticastAddress() ? address : null;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("rendezvous address " + address + " is not an IPv4 address");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
