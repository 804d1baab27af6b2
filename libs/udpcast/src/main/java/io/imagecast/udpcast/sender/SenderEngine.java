package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.Retransmit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The sender's state machine. Every input (a datagram, a timer tick, a command) arrives on one Vert.x
 * context, so the state needs no locks. Phases: WAITING (announce, collect receivers), CONFIRMING (a
 * last HELLO so that receivers whose CONNECT_REPLY was lost connect before data starts), TRANSFER, then
 * WAITING again for the next file, and finally ENDED. The engine dispatches by phase and pumps data; the
 * parts beside it keep the rest: {@link SenderInbox} (decoding), {@link Rendezvous} (before data),
 * {@link ReceiverRoster} (who takes part and how each ends), {@link SliceWindow} (slices in flight),
 * {@link ReqAckTimer} (rounds and silence), {@link SliceSender} and {@link ControlReplies} (what
 * leaves), {@link TransferCounters} and {@link SenderEvents} (what is counted and told).
 */
final class SenderEngine implements SenderInbox.Handler {
    enum Phase {
        WAITING,
        CONFIRMING,
        TRANSFER,
        ENDED
    }

    private final SenderConfig config;
    private final List<Path> files;
    private final List<Long> fileSizes;
    private final SenderEvents events;
    private final CompletableFuture<TransferResult> result;

    private final ReceiverRoster roster = new ReceiverRoster();
    private final SliceWindow window;
    private final ReqAckTimer timer;
    private final ControlReplies control;
    private final Rendezvous rendezvous;
    private final TransferCounters counters;
    private SenderIo io;
    private DatagramOut dataPath;
    private SliceReader reader;
    private RateController rate;
    private SliceSender slices;

    private Phase phase = Phase.WAITING;
    private int fileIndex;

    SenderEngine(
            LongSupplier clock,
            SenderConfig config,
            List<Path> files,
            List<Long> fileSizes,
            InterfaceInfo nif,
            Consumer<SenderEvent> listener,
            CompletableFuture<TransferResult> result) {
        this.config = config;
        this.files = List.copyOf(files);
        this.fileSizes = List.copyOf(fileSizes);
        this.events = new SenderEvents(listener, this.files, this.fileSizes);
        this.result = result;
        this.timer = new ReqAckTimer(config);
        this.counters = new TransferCounters(clock, fileSizes, config);
        this.window =
                new SliceWindow(config.blockSize(), config.duplex() == Duplex.FULL ? 2 : 1, roster, timer, counters);
        this.control = new ControlReplies(config, nif, (datagram, host) -> slices.control(datagram, host));
        this.rendezvous = new Rendezvous(config, files.size(), counters.startedNanos(), roster, control, events::emit);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Called on the engine's thread once the socket is bound. */
    void begin(SenderIo boundIo) {
        if (phase == Phase.ENDED) {
            // cancelled while the socket was being bound: the result is out, nothing may start
            boundIo.close(0, () -> {});
            return;
        }
        this.io = boundIo;
        this.dataPath = io.out();
        events.notice("Sending with the " + dataPath.description());
        long now = io.nanoTime();
        long initial = config.maxBitrate() > 0 ? config.maxBitrate() : 600_000_000L;
        this.rate = new RateController(config.maxBitrate(), initial, now);
        SliceSizer sizer = SliceSizer.forConfig(config);
        this.reader = SliceReader.of(files, sizer, config.blockSize(), config.duplex() == Duplex.FULL ? 2 : 1);
        this.reader.start();
        window.attach(reader, rate, sizer);
        this.slices = new SliceSender(dataPath, rate, counters, timer, control, config.blockSize());
        events.setUp(config, control);
        SenderInbox inbox = new SenderInbox(config.portBase(), counters, this, events::notice);
        io.start(inbox::datagram, e -> events.notice("socket error: " + e), this::tick, this::paceTick);
        enterWaiting(now);
    }

    void cancel(String reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (io == null) {
            finish(TransferResult.Outcome.CANCELLED, reason); // not bound yet: nobody to tell
            return;
        }
        List<String> hosts = new ArrayList<>(roster.hosts());
        roster.failAll("cancelled: " + reason);
        // A stock receiver reads its unicast socket only now and then while data flows on the group
        // socket, so the notice also goes to the data destination (it ends every receiver, as wanted).
        boolean duringTransfer = phase == Phase.TRANSFER;
        String group = duringTransfer ? slices.dataHost() : control.groupHost();
        for (int i = 0; i < 3; i++) {
            io.after(1 + 20L * i, () -> control.dropNotices(group, hosts, duringTransfer, window.nextSliceNumber()));
        }
        finish(TransferResult.Outcome.CANCELLED, reason);
    }

    void dropReceiver(String address, String reason) {
        Participant p = roster.get(address);
        if (p == null || phase == Phase.ENDED) {
            events.notice("drop request for " + address + " ignored: not a current receiver");
            return;
        }
        drop(p, "dropped on request: " + reason, true);
        afterParticipantsChanged(io.nanoTime());
    }

    void startNow() {
        rendezvous.requestStart();
    }

    // ---------------------------------------------------------------- input: datagrams (SenderInbox)

    @Override
    public void connectRequest(String from, ConnectRequest request) {
        long now = io.nanoTime();
        if (phase == Phase.TRANSFER) {
            if (!rendezvous.repairLostReply(from, window)) {
                counters.foreignDropped++;
            }
        } else if (phase != Phase.ENDED && rendezvous.connectRequest(from, request, phase == Phase.CONFIRMING, now)) {
            maybeStart(now);
        }
    }

    @Override
    public void go(String from) {
        if (roster.get(from) != null && phase == Phase.WAITING) {
            rendezvous.requestStart();
            maybeStart(io.nanoTime());
        } else {
            counters.foreignDropped++;
        }
    }

    @Override
    public void disconnect(String from) {
        Participant p = roster.get(from);
        if (p == null || phase == Phase.ENDED) {
            counters.foreignDropped++; // e.g. the DISCONNECT of a receiver that finished the previous file
            return;
        }
        if (phase != Phase.TRANSFER) {
            rendezvous.leftBeforeStart(p);
            return;
        }
        long fileBytes = fileSizes.get(fileIndex);
        if (!window.finishedByDisconnect(p, fileBytes)) {
            drop(p, "receiver disconnected after " + p.ackedBytes + " of " + fileBytes + " bytes", false);
        }
        afterParticipantsChanged(io.nanoTime());
    }

    @Override
    public void ok(String from, Ok ok) {
        Participant p = answering(from);
        if (p != null) {
            long now = io.nanoTime();
            afterAnswer(window.ok(p, ok.slice(), fileSizes.get(fileIndex), now), now);
        }
    }

    @Override
    public void retransmit(String from, Retransmit rx) {
        Participant p = answering(from);
        if (p != null) {
            long now = io.nanoTime();
            afterAnswer(window.retransmit(p, rx.slice(), rx.rxmitId(), rx.received(), now), now);
        }
    }

    /** The participant an answer to a REQACK comes from; null (counted) when none is expected from it. */
    private Participant answering(String from) {
        Participant p = phase == Phase.TRANSFER ? roster.get(from) : null;
        if (p == null) {
            counters.foreignDropped++;
        }
        return p;
    }

    private void afterAnswer(SliceWindow.Settled settled, long now) {
        if (settled == SliceWindow.Settled.COMPLETE) {
            releaseDoneSlices(now);
        }
        if (settled == SliceWindow.Settled.COMPLETE || settled == SliceWindow.Settled.NEXT_ROUND) {
            pump(now);
        }
    }

    private void tick() {
        if (phase == Phase.ENDED) {
            return;
        }
        try {
            long now = io.nanoTime();
            switch (phase) {
                case WAITING -> {
                    rendezvous.tick(now);
                    maybeStart(now);
                }
                case CONFIRMING -> {
                    if (rendezvous.confirmOver(now)) {
                        beginFile(now);
                    }
                }
                case TRANSFER -> {
                    checkTimeouts(now);
                    if (phase == Phase.TRANSFER) {
                        pump(now);
                        events.emit(
                                counters.progressDue(now, fileIndex, fileSizes.get(fileIndex), window, roster, rate));
                    }
                }
                default -> {}
            }
        } catch (RuntimeException e) {
            fail("internal error: " + e);
        }
    }

    /** Between the 1 ms ticks: only sending, which is what needs the finer clock. */
    private void paceTick() {
        if (phase != Phase.TRANSFER) {
            return;
        }
        try {
            pump(io.nanoTime());
        } catch (RuntimeException e) {
            fail("internal error: " + e);
        }
    }

    // ---------------------------------------------------------------- phases

    private void enterWaiting(long now) {
        phase = Phase.WAITING;
        io.pacing(false);
        rendezvous.announce(fileIndex, now);
    }

    private void maybeStart(long now) {
        if (phase != Phase.WAITING) {
            return;
        }
        StartPolicy.Decision d = rendezvous.decide(now);
        switch (d.kind()) {
            case START -> phase = Phase.CONFIRMING;
            case FAIL -> fail(d.reason());
            default -> {}
        }
    }

    private void beginFile(long now) {
        if (roster.isEmpty()) {
            fail("no receivers left at the start of file " + (fileIndex + 1));
            return;
        }
        phase = Phase.TRANSFER;
        io.pacing(true);
        long gap = counters.fileStarted(now);
        window.newFile(fileIndex);
        slices.dataHost(control.dataHost(roster.hosts()));
        int smallestBuffer = roster.smallestReceiveBuffer();
        rate.receiverBuffer(smallestBuffer);
        rate.newFile();
        events.fileStarted(
                fileIndex, List.copyOf(roster.hosts()), slices.dataHost(), gap, rate.burstBytes(), smallestBuffer);
        pump(now);
    }

    /** Sends what pacing allows: retransmissions first, then due REQACKs, then new data. */
    private void pump(long now) {
        if (phase != Phase.TRANSFER) {
            return;
        }
        rate.refill(now);
        dataPath.resume();
        while (rate.canSend() && dataPath.writable()) {
            if (!window.sendOne(now, slices)) {
                break;
            }
        }
        dataPath.flush();
        String error = dataPath.takeNewError();
        if (error != null) {
            events.notice("send failed, will retry: " + error);
        }
        timer.sendFailure(dataPath.failure(), now);
        String readError = window.takeReadError();
        if (readError != null) {
            fail(readError);
        }
    }

    private void checkTimeouts(long now) {
        Map<Participant, String> toDrop = timer.expired(now, window.inFlight(), roster.current(), dataPath.failure());
        for (Map.Entry<Participant, String> e : toDrop.entrySet()) {
            if (roster.get(e.getKey().host) != null) {
                drop(e.getKey(), e.getValue(), true);
            }
        }
        if (!toDrop.isEmpty()) {
            afterParticipantsChanged(now);
        }
    }

    private void drop(Participant p, String reason, boolean notifyReceiver) {
        roster.remove(p, reason);
        events.dropped(p, fileIndex, reason);
        if (notifyReceiver) {
            control.dropNotice(p.host, phase == Phase.TRANSFER, window.nextSliceNumber());
        }
    }

    private void afterParticipantsChanged(long now) {
        if (phase != Phase.TRANSFER) {
            return;
        }
        if (roster.isEmpty()) {
            fail("every receiver was dropped during file " + (fileIndex + 1));
            return;
        }
        window.settleAll();
        releaseDoneSlices(now);
        pump(now);
    }

    private void releaseDoneSlices(long now) {
        if (!window.release()) {
            return;
        }
        long bytes = fileSizes.get(fileIndex);
        long millis = counters.fileDone(bytes, now);
        List<String> done = roster.fileCompleted(bytes);
        events.fileCompleted(fileIndex, millis, done);
        if (fileIndex + 1 < files.size()) {
            fileIndex++;
            roster.nextFile(done);
            enterWaiting(now);
        } else if (roster.failedCount() > 0) {
            finish(TransferResult.Outcome.PARTIAL, roster.failedCount() + " receiver(s) did not get everything");
        } else {
            finish(TransferResult.Outcome.COMPLETED, null);
        }
    }

    private void fail(String reason) {
        if (phase != Phase.ENDED) {
            roster.failAll("transfer failed: " + reason);
            finish(TransferResult.Outcome.FAILED, reason);
        }
    }

    private void finish(TransferResult.Outcome outcome, String reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (phase == Phase.TRANSFER) {
            roster.endUnfinished(outcome == TransferResult.Outcome.CANCELLED ? "cancelled: " + reason : reason);
        }
        phase = Phase.ENDED;
        if (reader != null) {
            reader.close();
        }
        TransferResult r = roster.result(
                outcome, reason, files.size(), counters.totalBytes(), counters.millisSinceStart(), counters.stats());
        events.ended(r);
        // A cancel repeats its notices on timers (up to 41 ms from now): they must leave before the socket
        // closes. Otherwise everything is already in the kernel, and waiting only delays the caller.
        if (io == null) {
            result.complete(r); // ended before the socket was bound; begin() closes it when it comes
            return;
        }
        io.close(r.outcome() == TransferResult.Outcome.CANCELLED ? 100 : 1, () -> result.complete(r));
    }
}
