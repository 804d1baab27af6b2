package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Opcode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs a {@link SenderEngine} against {@link FakeReceiver}s on a {@link FakeSenderIo}, one thread. */
final class EngineHarness {
    static final int PORT = 9000;
    private static final InterfaceInfo NIF = new InterfaceInfo("e0", Ipv4.parse("10.9.0.1"), Ipv4.parse("10.9.0.255"));

    final FakeSenderIo io = new FakeSenderIo();
    final List<SenderEvent> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    final List<FakeReceiver> receivers;
    final SenderEngine engine;
    /** Fake time of each receiver's first answer of the current file. */
    final Map<String, Long> firstAnswerNanos = new HashMap<>();

    /** Fake time at which the sender got the last OK of each slice (current file). */
    final Map<Integer, Long> lastOkNanos = new HashMap<>();

    private int filesAnnounced;
    /** Answers travel one step (0.25 ms), as a round trip takes time on a real link. */
    private List<FakeReceiver.Answer> inFlightAnswers = new ArrayList<>();

    EngineHarness(SenderConfig config, List<Path> files, List<FakeReceiver> receivers) throws IOException {
        List<Long> sizes = new ArrayList<>();
        for (Path f : files) {
            sizes.add(Files.size(f));
        }
        this.receivers = receivers;
        this.engine = new SenderEngine(io::nanoTime, config, files, sizes, NIF, events::add, result);
        engine.begin(io);
        for (FakeReceiver r : receivers) {
            io.receive(r.host, PORT, r.connectRequest());
        }
        filesAnnounced = 1;
    }

    static SenderConfig.Builder config(int minReceivers) {
        return SenderConfig.builder().interfaceName("e0").portBase(PORT).minReceivers(minReceivers);
    }

    /** Runs until the transfer ends or {@code fakeSeconds} of fake time have passed. */
    TransferResult run(double fakeSeconds) throws InterruptedException {
        long end = io.nowNanos() + (long) (fakeSeconds * 1e9);
        while (!result.isDone() && io.nowNanos() < end) {
            io.step();
            boolean busy = deliver();
            reconnectForNextFile();
            if (!busy) {
                Thread.sleep(0, 50_000); // the file reader is a real thread: let it catch up
            }
        }
        return result.getNow(null);
    }

    /** Hands what the sender sent to the receivers and their answers back; true if anything moved. */
    private boolean deliver() {
        List<FakeSenderIo.Sent> sent = io.takeUndelivered();
        for (FakeSenderIo.Sent s : sent) {
            for (FakeReceiver r : receivers) {
                boolean unicast = receivers.stream().anyMatch(x -> x.host.equals(s.host()));
                if (!unicast || r.host.equals(s.host())) {
                    r.deliver(s.bytes());
                }
            }
        }
        boolean answered = !inFlightAnswers.isEmpty();
        for (FakeReceiver.Answer a : inFlightAnswers) {
            firstAnswerNanos.putIfAbsent(a.host(), io.nowNanos());
            if (MessageCodec.opcode(Buffer.buffer(a.bytes())) == Opcode.OK) {
                lastOkNanos.put(Buffer.buffer(a.bytes()).getInt(4), io.nowNanos());
            }
            io.receive(a.host(), PORT, a.bytes());
        }
        inFlightAnswers = new ArrayList<>();
        for (FakeReceiver r : receivers) {
            for (byte[] answer : r.takeAnswers()) {
                inFlightAnswers.add(new FakeReceiver.Answer(r.host, answer));
            }
        }
        return answered || !sent.isEmpty();
    }

    /** Like FOS running one udp-receiver per file: a receiver that finished file k connects for k+1. */
    private void reconnectForNextFile() {
        long waiting =
                events.stream().filter(e -> e instanceof SenderEvent.Waiting).count();
        if (waiting <= filesAnnounced) {
            return;
        }
        filesAnnounced = (int) waiting;
        firstAnswerNanos.clear();
        for (FakeReceiver r : receivers) {
            if (r.endAcknowledged && !r.silent) {
                r.nextFile();
                io.receive(r.host, PORT, r.connectRequest());
            }
        }
    }
}
