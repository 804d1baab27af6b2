package io.imagecast.sender.service;

import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.DropHostCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferFailed;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.ImageResolutionException;
import io.imagecast.sender.domain.ImageResolver;
import io.imagecast.sender.domain.LedgerEntry;
import io.imagecast.sender.domain.NodeSettings;
import io.imagecast.sender.domain.ResolvedImage;
import io.imagecast.sender.domain.SessionLedger;
import io.imagecast.sender.domain.SessionPhase;
import io.imagecast.sender.domain.StorageRootPaths;
import io.imagecast.sender.engine.TransferEngine;
import io.imagecast.sender.engine.TransferHandle;
import io.imagecast.sender.engine.TransferPlan;
import io.imagecast.sender.engine.TransferStartException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The use cases of a storage node: start, cancel and drop-host commands, restart recovery, shutdown. */
@ApplicationScoped
public class TransferService {
    private static final Logger LOG = Logger.getLogger(TransferService.class);

    private final SenderConfig config;
    private final TransferEngine engine;
    private final EventPublisher publisher;
    private final SessionLedger ledger;
    private final TransferRegistry registry;
    private final LiveNodeSettings settings;
    private final NetworkInterfaces interfaces;
    private final ImageResolver resolver;
    private final StorageRootPaths rootPaths;
    private final Clock clock;

    public TransferService(
            SenderConfig config,
            TransferEngine engine,
            EventPublisher publisher,
            SessionLedger ledger,
            TransferRegistry registry,
            LiveNodeSettings settings,
            NetworkInterfaces interfaces,
            Clock clock) {
        this.config = config;
        this.engine = engine;
        this.publisher = publisher;
        this.ledger = ledger;
        this.registry = registry;
        this.settings = settings;
        this.interfaces = interfaces;
        this.resolver = new ImageResolver(config.storageRoot());
        this.rootPaths = new StorageRootPaths(config.storageRoot());
        this.clock = clock;
    }

    /** Runs a start command once; a redelivered or repeated start for a known session is ignored. */
    public synchronized void start(StartTransferCommand command, Instant publishedAt) {
        SessionLog log = new SessionLog(command.sessionId(), config.nodeId());
        if (registry.running(command.sessionId()).isPresent()
                || ledger.find(command.sessionId()).isPresent()) {
            log.info("start command for a session this node already ran or runs: ignored");
            return;
        }
        ledger.save(new LedgerEntry(command.sessionId(), SessionPhase.ACCEPTED, command, clock.instant()));
        Duration age = Duration.between(publishedAt, clock.instant());
        if (age.compareTo(config.commandMaxAge()) > 0) {
            failBeforeStart(
                    command,
                    log,
                    "start command expired: published " + age.toSeconds() + " s ago, limit "
                            + config.commandMaxAge().toSeconds() + " s");
            return;
        }
        run(command, log);
    }

    private void run(StartTransferCommand command, SessionLog log) {
        log.info(
                "start requested: session '%s', image %s, files %s, port base %d",
                command.sessionName(), command.imageDir(), command.files(), command.portBase());
        ResolvedImage image;
        Inet4Address address;
        NodeSettings node = settings.current();
        // The registry's clear wins over the interface a command placed before it still names.
        var refusal = node.interfaceRefusal(config.nodeId());
        if (refusal.isPresent()) {
            failBeforeStart(command, log, refusal.get());
            return;
        }
        String interfaceName =
                command.interfaceName() != null && !command.interfaceName().isBlank()
                        ? command.interfaceName()
                        : node.interfaceName();
        try {
            image = resolver.resolve(command.imageDir(), command.files());
            address = interfaces.multicastAddressOf(interfaceName);
        } catch (ImageResolutionException | InterfaceProblemException e) {
            failBeforeStart(command, log, e.getMessage());
            return;
        }
        ActiveTransfer transfer = new ActiveTransfer(command, image, log, clock.instant());
        if (!registry.tryAdd(transfer, node.maxSessions())) {
            failBeforeStart(
                    command,
                    log,
                    "node " + config.nodeId() + " is at capacity: " + node.maxSessions() + " session(s) running");
            return;
        }
        log.info(
                "accepted: %d file(s), %d bytes, interface %s (%s)",
                image.files().size(), image.totalBytes(), interfaceName, address.getHostAddress());
        publisher.publish(new TransferAccepted(
                command.sessionId(), config.nodeId(), image.files().size(), image.totalBytes()));
        SessionReporter reporter = new SessionReporter(transfer, config.nodeId(), publisher, ledger, registry, clock);
        TransferPlan plan = new TransferPlan(
                command.sessionId(),
                image.files(),
                interfaceName,
                address,
                command.portBase(),
                command.dataAddress(),
                command.rendezvousAddress(),
                command.minReceivers(),
                command.maxWaitSeconds(),
                command.minWaitSeconds(),
                command.startTimeoutSeconds(),
                effectiveBitrate(command.maxBitrateBps(), node.maxBitrateBps()),
                command.fullDuplex(),
                command.ttl());
        try {
            TransferHandle handle = engine.start(plan, new RelativePathsListener(reporter, rootPaths));
            transfer.attach(handle);
            if (transfer.finished()) {
                // cancelled (e.g. by shutdown) while the engine was starting
                handle.cancel(transfer.snapshot().reason());
            }
        } catch (TransferStartException | RuntimeException e) {
            reporter.failed(rootPaths.relativize("the sender could not start: " + e.getMessage()));
        }
    }

    public void cancel(CancelTransferCommand command) {
        SessionLog log = new SessionLog(command.sessionId(), config.nodeId());
        String reason = command.reason() == null ? "cancelled" : command.reason();
        var running = registry.running(command.sessionId());
        if (running.isPresent()) {
            log.info("cancel requested: %s", reason);
            cancel(running.get(), reason);
            return;
        }
        synchronized (this) {
            if (ledger.find(command.sessionId()).isPresent()) {
                log.info("cancel requested for a session that already ended here: ignored");
                return;
            }
            // Never started here: remember it so a late start is ignored, and confirm the cancel.
            ledger.save(new LedgerEntry(command.sessionId(), SessionPhase.FINISHED, null, clock.instant()));
        }
        log.info("cancelled before it started: %s", reason);
        publisher.publish(new TransferCancelled(command.sessionId(), config.nodeId(), reason));
    }

    public void dropHost(DropHostCommand command) {
        SessionLog log = new SessionLog(command.sessionId(), config.nodeId());
        var running = registry.running(command.sessionId());
        var handle = running.flatMap(ActiveTransfer::handle);
        if (handle.isEmpty()) {
            log.info("drop of %s requested, but the session is not running here: ignored", command.hostAddress());
            return;
        }
        if (!running.get().snapshot().receivers().contains(command.hostAddress())) {
            log.warn("drop of %s requested, but it is not a receiver of this session", command.hostAddress());
            return;
        }
        String reason = command.reason() == null ? "dropped by an operator" : command.reason();
        log.info("dropping receiver %s: %s", command.hostAddress(), reason);
        handle.get().dropReceiver(command.hostAddress(), reason);
    }

    /** A changed node bitrate cap applies to sessions started from now on; running ones keep theirs. */
    public void noteBitrateCap(Long nodeCapBps) {
        for (ActiveTransfer transfer : registry.running()) {
            transfer.log()
                    .info(
                            "node bitrate cap changed to %s; this running session keeps its cap",
                            nodeCapBps == null ? "none" : nodeCapBps + " bit/s");
        }
    }

    /** Running sessions keep the interface they started on; only new ones are refused. */
    public void noteInterfaceCleared() {
        for (ActiveTransfer transfer : registry.running()) {
            transfer.log()
                    .warn("the node's multicast interface was cleared in the registry: this running session"
                            + " finishes on its interface, no new session starts on this node");
        }
    }

    /**
     * Settles the sessions a previous run of this node left in flight: one that never sent data is
     * started again (its receivers are still waiting); one that did is reported failed.
     */
    public synchronized void recover() {
        int pruned = ledger.prune(config.ledgerRetention(), clock.instant());
        if (pruned > 0) {
            LOG.infof("forgot %d finished session(s) older than %s", pruned, config.ledgerRetention());
        }
        for (LedgerEntry entry : ledger.unfinished()) {
            SessionLog log = new SessionLog(entry.sessionId(), config.nodeId());
            if (entry.phase() == SessionPhase.ACCEPTED && entry.command() != null) {
                log.warn("sender restarted before any data was sent: starting the session again");
                run(entry.command(), log);
            } else {
                log.error("sender restarted while the session was sending: reporting it failed");
                report(entry, new TransferFailed(entry.sessionId(), config.nodeId(), "sender restarted"));
            }
        }
    }

    /** Cancels every running transfer and waits (bounded) until their cancellation is published. */
    public void cancelAll(String reason) {
        var running = registry.running();
        if (running.isEmpty()) {
            return;
        }
        LOG.infof("cancelling %d running transfer(s): %s", running.size(), reason);
        running.forEach(transfer -> cancel(transfer, reason));
        CompletableFuture<?>[] reported =
                running.stream().map(ActiveTransfer::reported).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(reported).get(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("not every cancellation was confirmed by the broker within %s", config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cancel(ActiveTransfer transfer, String reason) {
        var handle = transfer.handle();
        if (handle.isPresent()) {
            handle.get().cancel(reason);
        } else {
            new SessionReporter(transfer, config.nodeId(), publisher, ledger, registry, clock).cancelled(reason);
        }
    }

    private void failBeforeStart(StartTransferCommand command, SessionLog log, String reason) {
        log.error("cannot start: %s", reason);
        report(
                new LedgerEntry(command.sessionId(), SessionPhase.ACCEPTED, command, clock.instant()),
                new TransferFailed(command.sessionId(), config.nodeId(), reason));
    }

    private void report(LedgerEntry entry, TransferFailed failure) {
        publisher.publish(failure).whenComplete((ok, error) -> {
            if (error == null) {
                ledger.save(entry.withPhase(SessionPhase.FINISHED, clock.instant()));
            } else {
                LOG.errorf("could not report session %s failed: %s", entry.sessionId(), error.getMessage());
            }
        });
    }

    /** The lower of the session's and the node's caps; null when neither sets one. */
    static Long effectiveBitrate(Long sessionCap, Long nodeCap) {
        return Stream.of(sessionCap, nodeCap)
                .filter(cap -> cap != null && cap > 0)
                .min(Long::compare)
                .orElse(null);
    }
}
