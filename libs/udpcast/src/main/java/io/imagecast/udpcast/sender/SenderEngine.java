package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.ControlAddress;
import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.Capabilities;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.MalformedMessageException;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.Opcode;
import io.imagecast.udpcast.wire.ReqAck;
import io.imagecast.udpcast.wire.Retransmit;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The sender's state machine. Every input (a datagram, a timer tick, a command) arrives on one Vert.x
 * context, so the state needs no locks. Phases: WAITING (announce, collect receivers), CONFIRMING (a
 * last HELLO so that receivers whose CONNECT_REPLY was lost connect before data starts), TRANSFER, then
 * WAITING again for the next file, and finally ENDED.
 */
final class SenderEngine {
    enum Phase {
        WAITING,
        CONFIRMING,
        TRANSFER,
        ENDED
    }

    private static final long MS = 1_000_000L;
    private static final long CONFIRM_WINDOW = 15 * MS;
    private static final int CONFIRM_ROUNDS = 4;
    /** A receiver that never answered a REQACK is not waited for longer than this. */
    private static final long UNCONFIRMED_LIMIT = 4_000 * MS;

    private final SenderConfig config;
    private final List<Path> files;
    private final List<Long> fileSizes;
    private final long totalBytes;
    private final Consumer<SenderEvent> listener;
    private final CompletableFuture<TransferResult> result;
    private final InterfaceInfo nif;
    private final int controlAddress;
    private final String controlHost;
    private final int dataAddress;
    private final int blockSize;
    private final int sliceBlocks;
    private SliceSizer sizer;
    private final int window;
    private final int receiverPort;

    private final LongSupplier clock;
    private final StartPolicy startPolicy;
    private SenderIo io;
    private SliceReader reader;
    private RateController rate;

    private Phase phase = Phase.WAITING;
    private final long startedNanos;
    private long phaseStartNanos;
    private long firstJoinNanos;
    private long nextHelloNanos;
    private long confirmUntilNanos;
    private int confirmRounds;
    private boolean startRequested;
    private long previousFileEndNanos = -1;

    private int fileIndex;
    private String dataHost;
    private long fileStartNanos;
    private long fileBytesAckedByAll;
    private long bytesDoneBeforeFile;
    private int nextSliceNumber;
    private boolean endSliceQueued;
    private boolean fileDataConsumed;
    private final ArrayDeque<SliceState> inFlight = new ArrayDeque<>();

    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Integer> clientNumbers = new HashMap<>();
    private final BitSet usedClientNumbers = new BitSet();
    private final Set<String> expectedForFile = new HashSet<>();
    private final Map<String, int[]> filesCompleted = new LinkedHashMap<>();
    private final Map<String, Long> bytesAcked = new HashMap<>();
    private final Map<String, String> failureReasons = new LinkedHashMap<>();

    private final byte[] emptyMap = new byte[Bitmap128.BYTES];
    private final byte[] dataHeader = new byte[DataHeader.SIZE];
    private DatagramOut dataPath;
    private long srttNanos = 5 * MS;
    /** When the kernel started refusing every datagram (0 while sends succeed). */
    private long sendFailingSinceNanos;

    private long nextProgressNanos;

    private long datagramsSent;
    private long dataBlocksSent;
    private long retransmittedBlocks;
    private long reqAcksSent;
    private long malformedDropped;
    private long foreignDropped;

    SenderEngine(
            LongSupplier clock,
            SenderConfig config,
            List<Path> files,
            List<Long> fileSizes,
            InterfaceInfo nif,
            Consumer<SenderEvent> listener,
            CompletableFuture<TransferResult> result) {
        this.clock = clock;
        this.config = config;
        this.startPolicy = new StartPolicy(config);
        this.files = List.copyOf(files);
        this.fileSizes = List.copyOf(fileSizes);
        this.totalBytes = fileSizes.stream().mapToLong(Long::longValue).sum();
        this.listener = listener;
        this.result = result;
        this.nif = nif;
        Integer rdv = config.rendezvousAddress() == null ? null : Ipv4.parse(config.rendezvousAddress());
        this.controlAddress = ControlAddress.of(nif, config.ttl(), rdv);
        this.controlHost = Ipv4.format(controlAddress);
        this.dataAddress = config.dataAddress() != null
                ? Ipv4.parse(config.dataAddress())
                : Ipv4.defaultDataAddress(nif.address());
        this.blockSize = config.blockSize();
        this.sliceBlocks = config.effectiveSliceSize();
        this.window = config.duplex() == Duplex.FULL ? 2 : 1;
        this.receiverPort = config.portBase();
        this.startedNanos = clock.getAsLong();
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
        notice("Sending with the " + dataPath.description());
        long now = io.nanoTime();
        long initial = config.maxBitrate() > 0 ? config.maxBitrate() : 600_000_000L;
        this.rate = new RateController(config.maxBitrate(), initial, now);
        // adaptive only where the user left the length to us and two slices overlap
        this.sizer = config.sliceSize() == 0 && window == 2
                ? SliceSizer.adaptive(sliceBlocks)
                : SliceSizer.fixed(sliceBlocks);
        this.reader =
                new SliceReader(files, sizer.blocks() * blockSize, sizer.maxBlocks() * blockSize, 4 + window, () -> {});
        this.reader.start();
        notice("Using " + (config.duplex() == Duplex.FULL ? "full" : "half") + " duplex mode");
        notice("Using mcast address " + Ipv4.format(dataAddress));
        notice((controlAddress == nif.broadcast() ? "Broadcasting" : "Multicasting") + " control to " + controlHost);
        io.start(this::onDatagram, e -> notice("socket error: " + e), this::tick, this::paceTick);
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
        List<String> hosts = new ArrayList<>(participants.keySet());
        for (String host : hosts) {
            failureReasons.putIfAbsent(host, "cancelled: " + reason);
        }
        // A stock receiver reads its unicast socket only now and then while data flows on the group
        // socket, so the notice also goes to the data destination (it ends every receiver, as wanted).
        Phase noticePhase = phase;
        String group = phase == Phase.TRANSFER ? dataHost : Ipv4.format(dataAddress);
        for (int i = 0; i < 3; i++) {
            io.after(1 + 20L * i, () -> {
                sendDropNotice(group, noticePhase);
                hosts.forEach(h -> sendDropNotice(h, noticePhase));
            });
        }
        finish(TransferResult.Outcome.CANCELLED, reason);
    }

    void dropReceiver(String address, String reason) {
        Participant p = participants.get(address);
        if (p == null || phase == Phase.ENDED) {
            notice("drop request for " + address + " ignored: not a current receiver");
            return;
        }
        drop(p, "dropped on request: " + reason, true);
        afterParticipantsChanged(io.nanoTime());
    }

    void startNow() {
        startRequested = true;
    }

    // ---------------------------------------------------------------- input: datagrams

    void onDatagram(String from, int fromPort, Buffer data) {
        try {
            handle(from, fromPort, data);
        } catch (MalformedMessageException e) {
            malformedDropped++;
        } catch (RuntimeException e) {
            // a datagram must never take the engine down; count it and carry on
            malformedDropped++;
            notice("ignored a datagram that could not be handled: " + e);
        }
    }

    private void handle(String from, int fromPort, Buffer data) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (fromPort != receiverPort) {
            foreignDropped++; // stock receivers send everything from P
            return;
        }
        long now = io.nanoTime();
        int op = MessageCodec.opcode(data);
        switch (op) {
            case Opcode.OK -> onOk(from, data, now);
            case Opcode.RETRANSMIT -> onRetransmit(from, data, now);
            case Opcode.CONNECT_REQ -> onConnectRequest(from, data, now);
            case Opcode.GO -> onGo(from, data);
            case Opcode.DISCONNECT -> onDisconnect(from, data, now);
            default -> {
                MessageCodec.decode(data); // throws for garbage; well-formed sender messages are foreign here
                foreignDropped++;
            }
        }
    }

    private void onConnectRequest(String from, Buffer data, long now) {
        ConnectRequest request = (ConnectRequest) MessageCodec.decode(data);
        if (phase == Phase.TRANSFER) {
            Participant ghost = participants.get(from);
            if (ghost != null && !ghost.confirmed && fileBytesAckedByAll == 0 && nextSliceNumber <= 1) {
                // Its CONNECT_REPLY was lost just before the start. Nothing past slice 0 has been opened (slice
                // 1 waits until every receiver has answered for slice 0), so it can still join: answer again.
                sendConnectReply(from, ghost.clientNumber);
                notice("Repeated CONNECT_REPLY to " + from + " (#" + ghost.clientNumber
                        + "): it had not received the first one");
                return;
            }
            // udp-sender ignores late joiners too: connecting one now would only get it "Dropped by server"
            foreignDropped++;
            return;
        }
        Participant known = participants.get(from);
        if (known != null) {
            known.receiveBuffer = request.receiveBufferSize();
            sendConnectReply(from, known.clientNumber); // idempotent: the first reply may have been lost
            if (phase == Phase.CONFIRMING) {
                extendConfirm(now);
            }
            return;
        }
        if (fileIndex > 0 && !expectedForFile.contains(from)) {
            String detail = "connected for file " + (fileIndex + 1) + " of " + files.size()
                    + " without having taken file " + fileIndex;
            emit(new SenderEvent.ReceiverDesync(from, fileIndex, detail));
            notice("Refusing " + from + ": " + detail);
            sendConnectReply(from, ConnectReply.REFUSED);
            return;
        }
        if (config.pointToPoint() == PointToPoint.ALWAYS && !participants.isEmpty()) {
            sendConnectReply(from, ConnectReply.REFUSED);
            return;
        }
        int number = clientNumberFor(from);
        if (number < 0) {
            sendConnectReply(from, ConnectReply.REFUSED);
            return;
        }
        Participant p = new Participant(from, number, now);
        p.receiveBuffer = request.receiveBufferSize();
        failureReasons.remove(from); // back after a DISCONNECT before the start
        participants.put(from, p);
        filesCompleted.putIfAbsent(from, new int[1]);
        if (firstJoinNanos == 0) {
            firstJoinNanos = now;
        }
        sendConnectReply(from, number);
        notice("New connection from " + from + "  (#" + number + ")");
        emit(new SenderEvent.ReceiverJoined(from, number, fileIndex));
        if (phase == Phase.CONFIRMING) {
            extendConfirm(now);
        } else {
            maybeStart(now);
        }
    }

    private int clientNumberFor(String host) {
        Integer n = clientNumbers.get(host);
        if (n != null) {
            return n;
        }
        int free = usedClientNumbers.nextClearBit(0);
        if (free >= Bitmap128.BITS) {
            return -1;
        }
        usedClientNumbers.set(free);
        clientNumbers.put(host, free);
        return free;
    }

    private void onGo(String from, Buffer data) {
        MessageCodec.decode(data);
        if (participants.containsKey(from) && phase == Phase.WAITING) {
            startRequested = true;
            maybeStart(io.nanoTime());
        } else {
            foreignDropped++;
        }
    }

    private void onDisconnect(String from, Buffer data, long now) {
        MessageCodec.decode(data);
        Participant p = participants.get(from);
        if (p == null) {
            foreignDropped++; // e.g. the DISCONNECT of a receiver that finished the previous file
            return;
        }
        if (phase != Phase.TRANSFER) {
            participants.remove(from);
            String reason = "disconnected before the transfer started";
            recordFailure(from, reason);
            notice("Disconnect from " + from + " before the start");
            emit(new SenderEvent.ReceiverDropped(from, fileIndex, reason));
            return;
        }
        long fileBytes = fileSizes.get(fileIndex);
        if (p.ackedBytes >= fileBytes && endSliceQueued) {
            // its final OK was lost; a stock receiver says DISCONNECT 0.5 s later instead (spec 4.5)
            p.finished = true;
            markReadyEverywhere(p);
        } else {
            drop(p, "receiver disconnected after " + p.ackedBytes + " of " + fileBytes + " bytes", false);
        }
        afterParticipantsChanged(now);
    }

    private void onOk(String from, Buffer data, long now) {
        Ok ok = (Ok) MessageCodec.decode(data);
        Participant p = participants.get(from);
        if (p == null || phase != Phase.TRANSFER) {
            foreignDropped++;
            return;
        }
        SliceState s = findSlice(ok.slice());
        if (s == null) {
            if (ok.slice() >= nextSliceNumber) {
                foreignDropped++; // acknowledges data never sent: forged
            }
            return; // duplicate for a slice already done
        }
        if (!s.awaitingAnswers()) {
            foreignDropped++;
            return;
        }
        heard(p, s, now);
        if (!s.ready.get(p.clientNumber)) {
            s.ready.set(p.clientNumber);
            s.answered.set(p.clientNumber);
            p.ackedBytes += s.bytes;
            // a stock receiver OKs the end marker even while an earlier slice is incomplete: only all
            // data acknowledged makes it finished
            if (s.endOfFile && s.bytes == 0 && p.ackedBytes >= fileSizes.get(fileIndex)) {
                p.finished = true;
            }
        }
        afterAnswer(s, now);
    }

    private void onRetransmit(String from, Buffer data, long now) {
        Retransmit rx = (Retransmit) MessageCodec.decode(data);
        Participant p = participants.get(from);
        if (p == null || phase != Phase.TRANSFER) {
            foreignDropped++;
            return;
        }
        SliceState s = findSlice(rx.slice());
        if (s == null || !s.awaitingAnswers()) {
            if (rx.slice() >= nextSliceNumber) {
                foreignDropped++;
            }
            return;
        }
        heard(p, s, now);
        if (s.ready.get(p.clientNumber) || rx.rxmitId() != s.rxmitId) {
            return; // stale answer to an earlier round
        }
        s.answered.set(p.clientNumber);
        byte[] have = rx.received();
        int missing = 0;
        for (int b = 0; b < s.blocks; b++) {
            if (!Bitmap128.get(have, b)) {
                s.resend.set(b);
                missing++;
            }
        }
        if (s.rxmitId == 0) {
            s.worstFirstRoundMissing = Math.max(s.worstFirstRoundMissing, missing);
        }
        afterAnswer(s, now);
    }

    private void heard(Participant p, SliceState s, long now) {
        s.heardFrom.set(p.clientNumber);
        p.lastHeardNanos = now;
        p.confirmed = true;
        p.unansweredRounds = 0;
        long rtt = now - s.reqAckSentNanos;
        if (rtt > 0 && rtt < 1000 * MS) {
            srttNanos = (7 * srttNanos + rtt) / 8;
        }
    }

    private SliceState findSlice(int number) {
        for (SliceState s : inFlight) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }

    /** After an answer: finish the slice, or start the next round once everyone answered this one. */
    private void afterAnswer(SliceState s, long now) {
        if (s.allReady(participants.values())) {
            completeSlice(s);
            releaseDoneSlices(now);
            pump(now);
            return;
        }
        if (s.everyoneAnswered(participants.values())) {
            s.reqAckDue = true;
            pump(now);
        }
    }

    private void markReadyEverywhere(Participant p) {
        for (SliceState s : inFlight) {
            s.ready.set(p.clientNumber);
        }
    }

    private void completeSlice(SliceState s) {
        if (s.done) {
            return;
        }
        s.done = true;
        rate.sliceAcknowledged(s.number, nextSliceNumber, s.blocks, s.worstFirstRoundMissing);
        if (sizer.sliceAcknowledged(s.blocks, s.worstFirstRoundMissing)) {
            reader.sliceBytes(sizer.blocks() * blockSize);
        }
    }

    private void releaseDoneSlices(long now) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            SliceState s = inFlight.pollFirst();
            fileBytesAckedByAll += s.bytes;
            reader.recycle(s.data);
            if (s.endOfFile && s.bytes == 0) {
                fileFinished(now);
                return;
            }
        }
    }

    // ---------------------------------------------------------------- input: time

    private void tick() {
        if (phase == Phase.ENDED) {
            return;
        }
        try {
            long now = io.nanoTime();
            switch (phase) {
                case WAITING -> {
                    if (now >= nextHelloNanos) {
                        sendHello(now);
                    }
                    maybeStart(now);
                }
                case CONFIRMING -> {
                    if (now >= confirmUntilNanos) {
                        beginFile(now);
                    }
                }
                case TRANSFER -> {
                    checkTimeouts(now);
                    if (phase == Phase.TRANSFER) {
                        pump(now);
                        maybeProgress(now);
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

    // ---------------------------------------------------------------- rendezvous

    private void enterWaiting(long now) {
        phase = Phase.WAITING;
        io.pacing(false);
        phaseStartNanos = now;
        firstJoinNanos = 0;
        startRequested = false;
        participants.clear();
        emit(new SenderEvent.Waiting(
                fileIndex, files.size(), controlHost, Ipv4.format(dataAddress), config.portBase()));
        sendHello(now);
    }

    private void sendHello(long now) {
        int announced = config.pointToPoint() == PointToPoint.ALWAYS ? 0 : dataAddress;
        send(new Hello(Opcode.HELLO, Capabilities.STANDARD, announced, blockSize).encode(), controlHost);
        if (nif.hasBroadcast() && controlAddress != nif.broadcast()) {
            // Stock receivers also listen on the broadcast address. FOS clients point their rendezvous at
            // the sender's unicast IP, so a client that started before the sender hears only this copy.
            send(
                    new Hello(Opcode.HELLO, Capabilities.STANDARD, announced, blockSize).encode(),
                    Ipv4.format(nif.broadcast()));
        }
        nextHelloNanos = now + config.helloInterval().toNanos();
    }

    private void sendConnectReply(String host, int number) {
        int announced = dataAddress;
        if (config.pointToPoint() == PointToPoint.ALWAYS) {
            announced = Ipv4.parse(host);
        }
        send(new ConnectReply(number, blockSize, Capabilities.STANDARD, announced).encode(), host);
    }

    private void maybeStart(long now) {
        if (phase != Phase.WAITING) {
            return;
        }
        StartPolicy.Decision d = startPolicy.decide(
                new StartPolicy.Waiting(
                        fileIndex,
                        files.size(),
                        participants.keySet(),
                        expectedForFile,
                        startedNanos,
                        phaseStartNanos,
                        firstJoinNanos,
                        startRequested),
                now);
        switch (d.kind()) {
            case START -> {
                for (String missing : expectedForFile) {
                    if (!participants.containsKey(missing)) {
                        recordFailure(
                                missing,
                                "did not re-join for file " + (fileIndex + 1) + " within "
                                        + config.rejoinTimeout().toMillis() + " ms");
                        emit(new SenderEvent.ReceiverDropped(missing, fileIndex, failureReasons.get(missing)));
                    }
                }
                enterConfirming(now);
            }
            case FAIL -> fail(d.reason());
            default -> {}
        }
    }

    private void enterConfirming(long now) {
        phase = Phase.CONFIRMING;
        confirmRounds = 0;
        extendConfirm(now);
    }

    /** One more HELLO: only receivers that are not connected answer it, so silence means all are in. */
    private void extendConfirm(long now) {
        if (confirmRounds >= CONFIRM_ROUNDS) {
            return;
        }
        confirmRounds++;
        sendHello(now);
        confirmUntilNanos = now + CONFIRM_WINDOW;
    }

    // ---------------------------------------------------------------- transfer

    private void beginFile(long now) {
        if (participants.isEmpty()) {
            fail("no receivers left at the start of file " + (fileIndex + 1));
            return;
        }
        phase = Phase.TRANSFER;
        io.pacing(true);
        fileStartNanos = now;
        fileBytesAckedByAll = 0;
        nextSliceNumber = 0;
        endSliceQueued = false;
        fileDataConsumed = false;
        inFlight.clear();
        boolean pointToPoint = config.pointToPoint() == PointToPoint.ALWAYS
                || (config.pointToPoint() == PointToPoint.AUTO && participants.size() == 1 && !config.broadcast());
        if (config.broadcast()) {
            dataHost = controlHost;
        } else if (pointToPoint) {
            dataHost = participants.keySet().iterator().next();
        } else {
            dataHost = Ipv4.format(dataAddress);
        }
        int smallestBuffer = Integer.MAX_VALUE;
        for (Participant p : participants.values()) {
            smallestBuffer = Math.min(smallestBuffer, p.receiveBuffer);
        }
        rate.receiverBuffer(smallestBuffer);
        rate.newFile();
        long gap = previousFileEndNanos < 0 ? -1 : (now - previousFileEndNanos) / MS;
        notice("Starting transfer of file " + (fileIndex + 1) + "/" + files.size() + " to " + participants.size()
                + " receiver(s), data to " + dataHost + (gap >= 0 ? ", re-join gap " + gap + " ms" : "")
                + ", pacing burst " + rate.burstBytes() / 1024 + " KiB (smallest receive buffer "
                + smallestBuffer / 1024 + " KiB)");
        emit(new SenderEvent.FileStarted(
                fileIndex,
                files.size(),
                files.get(fileIndex),
                fileSizes.get(fileIndex),
                List.copyOf(participants.keySet()),
                dataHost,
                gap));
        nextProgressNanos = now + config.progressInterval().toNanos();
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
            if (!sendOne(now)) {
                break;
            }
        }
        dataPath.flush();
        String error = dataPath.takeNewError();
        if (error != null) {
            notice("send failed, will retry: " + error);
        }
        if (dataPath.failure() == null) {
            sendFailingSinceNanos = 0;
        } else if (sendFailingSinceNanos == 0) {
            sendFailingSinceNanos = now;
        }
    }

    private boolean sendOne(long now) {
        for (SliceState s : inFlight) {
            if (!s.awaitingAnswers()) {
                continue;
            }
            int b = s.resend.nextSetBit(0);
            if (b >= 0) {
                if (!sendBlock(s, b)) {
                    return false;
                }
                s.resend.clear(b);
                retransmittedBlocks++;
                return true;
            }
            if (s.reqAckDue) {
                sendReqAck(s, now);
                return true;
            }
        }
        SliceState head = inFlight.peekFirst();
        if (head != null && head.fullySent() && head.rxmitId < 0) {
            // like udp-sender, a slice is asked for only once the one before it is complete: a stock
            // receiver that gets the end marker's REQACK while a slice is incomplete stops answering
            sendReqAck(head, now);
            return true;
        }
        SliceState last = inFlight.peekLast();
        if (last != null && !last.fullySent()) {
            if (!sendBlock(last, last.nextBlock)) {
                return false; // the kernel's send buffer is full: this block goes first next time
            }
            last.nextBlock++;
            if (last.fullySent() && last == head) {
                sendReqAck(last, now);
            }
            return true;
        }
        return openNextSlice(now);
    }

    private boolean openNextSlice(long now) {
        if (endSliceQueued || inFlight.size() >= window) {
            return false;
        }
        SliceState previous = inFlight.peekLast();
        if (previous != null
                && !previous.done
                && !previous.everyoneKnows(participants.values())
                && !Participant.allConfirmed(participants.values())) {
            // A stock receiver that has never answered may not even know the transfer began: one that
            // sees slice n+1 before slice n then quits (or, on its very first packet, starts mid-file).
            // Until every receiver has answered once, slice n+1 waits for an answer to slice n from each.
            return false;
        }
        if (fileDataConsumed) {
            // the zero-byte slice tells receivers that the file is complete
            endSliceQueued = true;
            inFlight.addLast(new SliceState(nextSliceNumber++, 0, blockSize, null, 0, true));
            return true;
        }
        SliceReader.Chunk chunk = reader.peek();
        if (chunk == null) {
            return false;
        }
        reader.poll();
        if (chunk.error() != null) {
            fail(chunk.error());
            return false;
        }
        if (chunk.fileIndex() != fileIndex) {
            fail("internal error: read ahead into file " + (chunk.fileIndex() + 1) + " during file " + (fileIndex + 1));
            return false;
        }
        fileDataConsumed = chunk.last();
        if (chunk.length() == 0) {
            reader.recycle(chunk.data());
            return true;
        }
        inFlight.addLast(
                new SliceState(nextSliceNumber++, chunk.length(), blockSize, chunk.data(), chunk.offset(), false));
        return true;
    }

    /** @return false when the kernel took nothing (its send buffer is full): nothing was counted */
    private boolean sendBlock(SliceState s, int block) {
        int offset = block * blockSize;
        int len = Math.min(blockSize, s.bytes - offset);
        DataHeader.write(dataHeader, s.number, block, s.bytes);
        if (!dataPath.send(dataHeader, s.data, offset, len, dataHost)) {
            return false;
        }
        rate.charge(DataHeader.SIZE + len);
        datagramsSent++;
        dataBlocksSent++;
        return true;
    }

    private void sendReqAck(SliceState s, long now) {
        if (s.rxmitId < 0) {
            s.firstReqAckNanos = now;
        }
        s.rxmitId++;
        s.reqAckDue = false;
        s.answered.clear();
        byte[] readySet = new byte[Bitmap128.BYTES];
        for (int c = s.ready.nextSetBit(0); c >= 0 && c < Bitmap128.BITS; c = s.ready.nextSetBit(c + 1)) {
            Bitmap128.set(readySet, c);
        }
        send(new ReqAck(s.number, s.bytes, s.rxmitId, readySet).encode(), dataHost);
        reqAcksSent++;
        s.reqAckSentNanos = now;
        long timeout = Math.max(3 * MS, Math.min(250 * MS, 3 * srttNanos));
        if (s.roundsWithoutProgress > 10) {
            timeout = 500 * MS;
        }
        s.deadlineNanos = now + timeout;
    }

    /**
     * Repeats unanswered REQACKs and drops receivers that stay silent for too long. Silence counts even
     * while a REQACK waits to be sent: a REQACK the kernel refuses must not keep a receiver forever.
     */
    private void checkTimeouts(long now) {
        Map<Participant, String> toDrop = new LinkedHashMap<>();
        long timeout = config.receiverTimeout().toNanos();
        if (sendFailingSinceNanos != 0 && now - sendFailingSinceNanos > timeout) {
            String why = "out of reach: every send failed for " + (now - sendFailingSinceNanos) / MS + " ms ("
                    + dataPath.failure() + ")";
            for (Participant p : participants.values()) {
                if (!p.finished) {
                    toDrop.put(p, why);
                }
            }
        }
        for (SliceState s : inFlight) {
            if (!s.awaitingAnswers()) {
                continue;
            }
            boolean roundOver = !s.reqAckDue && now >= s.deadlineNanos;
            if (roundOver) {
                s.roundsWithoutProgress++;
            }
            for (Participant p : participants.values()) {
                if (p.finished || s.ready.get(p.clientNumber) || s.answered.get(p.clientNumber)) {
                    continue;
                }
                if (roundOver) {
                    p.unansweredRounds++;
                }
                // silence counts from when we started waiting for it, not from its last message: a
                // receiver that acknowledged everything had nothing to say while others were slow
                long silent = now - Math.max(p.lastHeardNanos, s.firstReqAckNanos);
                if (!p.confirmed && now - s.firstReqAckNanos > UNCONFIRMED_LIMIT) {
                    toDrop.putIfAbsent(p, "never answered after connecting (its CONNECT_REPLY was probably lost)");
                } else if (silent > timeout || p.unansweredRounds > config.retriesUntilDrop()) {
                    toDrop.putIfAbsent(
                            p,
                            "no answer for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (" + p.unansweredRounds
                                    + " unanswered requests)");
                }
            }
            if (roundOver) {
                s.reqAckDue = true;
            }
        }
        for (Map.Entry<Participant, String> e : toDrop.entrySet()) {
            if (participants.containsKey(e.getKey().host)) {
                drop(e.getKey(), e.getValue(), true);
            }
        }
        if (!toDrop.isEmpty()) {
            afterParticipantsChanged(now);
        }
    }

    private void drop(Participant p, String reason, boolean notifyReceiver) {
        participants.remove(p.host);
        bytesAcked.merge(p.host, p.ackedBytes, Long::sum); // what it has of the current file
        recordFailure(p.host, reason);
        notice("Dropping client #" + p.clientNumber + " (" + p.host + "): " + reason);
        emit(new SenderEvent.ReceiverDropped(p.host, fileIndex, reason));
        if (notifyReceiver) {
            sendDropNotice(p.host);
        }
    }

    /**
     * Tells a stock receiver that it was dropped, so that it exits at once instead of waiting or quietly
     * finishing on its own. During a transfer: a DATA packet far beyond the current slice, which makes a
     * stock receiver quit with "Dropped by server" before it stores anything (and our receiver fail with
     * "dropped by sender"). Before data: a REQACK, which a stock receiver still in rendezvous treats as
     * fatal ("Bad server reply").
     */
    private void sendDropNotice(String host) {
        sendDropNotice(host, phase);
    }

    private void sendDropNotice(String host, Phase during) {
        if (during == Phase.TRANSFER) {
            byte[] datagram = new byte[DataHeader.SIZE + blockSize];
            DataHeader.write(datagram, nextSliceNumber + 1000, 0, blockSize);
            send(Buffer.buffer(datagram), host);
        } else {
            send(new ReqAck(nextSliceNumber + 1000, blockSize, 0, new byte[Bitmap128.BYTES]).encode(), host);
        }
    }

    private void afterParticipantsChanged(long now) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (phase == Phase.TRANSFER && participants.isEmpty()) {
            fail("every receiver was dropped during file " + (fileIndex + 1));
            return;
        }
        if (phase != Phase.TRANSFER) {
            return;
        }
        for (SliceState s : inFlight) {
            if (s.awaitingAnswers() && s.allReady(participants.values())) {
                completeSlice(s);
            } else if (s.awaitingAnswers() && s.everyoneAnswered(participants.values())) {
                s.reqAckDue = true;
            }
        }
        releaseDoneSlices(now);
        pump(now);
    }

    private void fileFinished(long now) {
        long millis = (now - fileStartNanos) / MS;
        List<String> done = new ArrayList<>();
        for (Participant p : participants.values()) {
            done.add(p.host);
            filesCompleted.get(p.host)[0]++;
            bytesAcked.merge(p.host, fileSizes.get(fileIndex), Long::sum);
        }
        bytesDoneBeforeFile += fileSizes.get(fileIndex);
        notice("File " + (fileIndex + 1) + "/" + files.size() + " complete: " + fileSizes.get(fileIndex) + " bytes in "
                + millis + " ms to " + done.size() + " receiver(s)");
        emit(new SenderEvent.FileCompleted(fileIndex, files.size(), fileSizes.get(fileIndex), millis, done));
        if (fileIndex + 1 >= files.size()) {
            boolean partial = !failureReasons.isEmpty();
            finish(
                    partial ? TransferResult.Outcome.PARTIAL : TransferResult.Outcome.COMPLETED,
                    partial ? failureReasons.size() + " receiver(s) did not get everything" : null);
            return;
        }
        previousFileEndNanos = now;
        fileIndex++;
        expectedForFile.clear();
        expectedForFile.addAll(done);
        enterWaiting(now);
    }

    private void maybeProgress(long now) {
        if (now < nextProgressNanos) {
            return;
        }
        nextProgressNanos = now + config.progressInterval().toNanos();
        emit(progress(now));
    }

    private SenderEvent.Progress progress(long now) {
        Map<String, Long> perReceiver = new LinkedHashMap<>();
        for (Participant p : participants.values()) {
            perReceiver.put(p.host, p.ackedBytes);
        }
        double seconds = Math.max(1e-9, (now - fileStartNanos) / 1e9);
        return new SenderEvent.Progress(
                fileIndex,
                files.size(),
                fileBytesAckedByAll,
                fileSizes.get(fileIndex),
                bytesDoneBeforeFile + fileBytesAckedByAll,
                totalBytes,
                fileBytesAckedByAll * 8 / seconds,
                rate.bitsPerSecond(),
                perReceiver,
                retransmittedBlocks);
    }

    // ---------------------------------------------------------------- output

    private void send(Buffer datagram, String host) {
        rate.charge(datagram.length());
        datagramsSent++;
        dataPath.sendNow(datagram, host);
    }

    private void notice(String message) {
        emit(new SenderEvent.Notice(message));
    }

    private void emit(SenderEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // a faulty listener must not break the transfer
        }
    }

    private void recordFailure(String host, String reason) {
        failureReasons.putIfAbsent(host, reason);
        filesCompleted.putIfAbsent(host, new int[1]);
    }

    private void fail(String reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        for (Participant p : participants.values()) {
            recordFailure(p.host, "transfer failed: " + reason);
        }
        finish(TransferResult.Outcome.FAILED, reason);
    }

    private void finish(TransferResult.Outcome outcome, String reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (phase == Phase.TRANSFER) {
            for (Participant p : participants.values()) {
                if (!p.finished) {
                    bytesAcked.merge(p.host, p.ackedBytes, Long::sum);
                    recordFailure(
                            p.host, outcome == TransferResult.Outcome.CANCELLED ? "cancelled: " + reason : reason);
                }
            }
        }
        phase = Phase.ENDED;
        if (reader != null) {
            reader.close();
        }
        TransferResult.Outcome effective = outcome;
        List<TransferResult.ReceiverOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, int[]> e : filesCompleted.entrySet()) {
            String host = e.getKey();
            boolean complete = e.getValue()[0] == files.size() && !failureReasons.containsKey(host);
            outcomes.add(new TransferResult.ReceiverOutcome(
                    host, complete, e.getValue()[0], bytesAcked.getOrDefault(host, 0L), failureReasons.get(host)));
        }
        if (effective == TransferResult.Outcome.PARTIAL
                && outcomes.stream().noneMatch(TransferResult.ReceiverOutcome::completed)) {
            effective = TransferResult.Outcome.FAILED;
        }
        TransferResult r = new TransferResult(
                effective,
                reason,
                totalBytes,
                (clock.getAsLong() - startedNanos) / MS,
                List.copyOf(outcomes),
                new SenderStats(
                        datagramsSent,
                        dataBlocksSent,
                        retransmittedBlocks,
                        reqAcksSent,
                        malformedDropped,
                        foreignDropped));
        notice("Transfer " + effective.name().toLowerCase() + (reason == null ? "" : ": " + reason));
        switch (effective) {
            case COMPLETED, PARTIAL -> emit(new SenderEvent.Completed(r));
            case CANCELLED -> emit(new SenderEvent.Cancelled(reason, r));
            default -> emit(new SenderEvent.Failed(reason, r));
        }
        // A cancel repeats its notices on timers (up to 41 ms from now): they must leave before the socket
        // closes. Otherwise everything is already in the kernel, and waiting only delays the caller.
        if (io == null) {
            result.complete(r); // ended before the socket was bound; begin() closes it when it comes
            return;
        }
        long closeDelayMillis = effective == TransferResult.Outcome.CANCELLED ? 100 : 1;
        io.close(closeDelayMillis, () -> result.complete(r));
    }
}
