package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.Disconnect;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Opcode;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender engine at the edges of a transfer, on fake surroundings with a manual clock: receivers
 * that never really connect or leave early, a drop and a cancel mid-file, and a file whose last slice
 * is short and has holes.
 */
class SenderEngineEdgeScenarioTest {
    private static final int BLOCK = 1456;
    private static final int SLICE_BLOCKS = 112;

    @TempDir
    Path dir;

    private Path file(int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve("image-" + seed + ".bin"), bytes);
    }

    private static FakeReceiver receiver(String host) {
        return new FakeReceiver(host, BLOCK, i -> false);
    }

    private static TransferResult.ReceiverOutcome outcomeOf(TransferResult r, String host) {
        return r.receivers().stream()
                .filter(o -> o.address().equals(host))
                .findFirst()
                .orElseThrow();
    }

    private static List<SenderEvent.ReceiverDropped> drops(EngineHarness h) {
        return h.events.stream()
                .filter(e -> e instanceof SenderEvent.ReceiverDropped)
                .map(e -> (SenderEvent.ReceiverDropped) e)
                .toList();
    }

    private static long sentTo(EngineHarness h, String host, int opcode) {
        return h.io.sent().stream()
                .filter(s -> s.host().equals(host) && MessageCodec.opcode(Buffer.buffer(s.bytes())) == opcode)
                .count();
    }

    /** DATA far beyond the transfer: the notice that makes a stock receiver quit. */
    private static boolean isDropNotice(FakeSenderIo.Sent s) {
        Buffer b = Buffer.buffer(s.bytes());
        return MessageCodec.opcode(b) == Opcode.DATA && DataHeader.slice(b) >= 1000;
    }

    @Test
    void aGhostThatAnswersHellosButNeverGetsItsReplyIsDroppedAndALateReplyIsRepaired() throws Exception {
        Path file = file(1_000_000, 11);
        FakeReceiver steady = receiver("10.9.0.11");
        FakeReceiver lostFirstReply = receiver("10.9.0.12");
        lostFirstReply.repliesToLose = 1;
        lostFirstReply.answersHello = true;
        FakeReceiver ghost = receiver("10.9.0.13");
        ghost.repliesToLose = Integer.MAX_VALUE;
        ghost.answersHello = true;
        EngineHarness h = new EngineHarness(
                EngineHarness.config(3).build(), List.of(file), List.of(steady, lostFirstReply, ghost));

        TransferResult r = h.run(30);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.PARTIAL);
        assertThat(steady.file()).isEqualTo(Files.readAllBytes(file));
        assertThat(lostFirstReply.file()).isEqualTo(Files.readAllBytes(file));
        assertThat(outcomeOf(r, lostFirstReply.host).completed()).isTrue();
        assertThat(outcomeOf(r, ghost.host).completed()).isFalse();
        assertThat(outcomeOf(r, ghost.host).reason()).startsWith("never answered after connecting");
        // every CONNECT_REQ it sent in answer to a confirming HELLO got a reply of its own
        assertThat(sentTo(h, ghost.host, Opcode.CONNECT_REPLY)).isGreaterThan(1);
        assertThat(drops(h))
                .singleElement()
                .satisfies(d -> assertThat(d.address()).isEqualTo(ghost.host));
    }

    @Test
    void aReceiverThatDisconnectsBeforeTheStartIsReportedWithItsReasonAndTheOthersGoOn() throws Exception {
        Path file = file(300_000, 12);
        FakeReceiver stays = receiver("10.9.0.11");
        FakeReceiver leaves = receiver("10.9.0.12");
        EngineHarness h = new EngineHarness(
                EngineHarness.config(3).maxWait(Duration.ofSeconds(1)).build(), List.of(file), List.of(stays, leaves));
        h.io.receive(leaves.host, EngineHarness.PORT, new Disconnect().encode().getBytes());
        leaves.silent = true;

        TransferResult r = h.run(30);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.PARTIAL);
        assertThat(stays.file()).isEqualTo(Files.readAllBytes(file));
        TransferResult.ReceiverOutcome left = outcomeOf(r, leaves.host);
        assertThat(left.completed()).isFalse();
        assertThat(left.reason()).isEqualTo("disconnected before the transfer started");
        assertThat(drops(h)).singleElement().satisfies(d -> {
            assertThat(d.address()).isEqualTo(leaves.host);
            assertThat(d.reason()).isEqualTo("disconnected before the transfer started");
        });
        SenderEvent.FileStarted started = h.events.stream()
                .filter(e -> e instanceof SenderEvent.FileStarted)
                .map(e -> (SenderEvent.FileStarted) e)
                .findFirst()
                .orElseThrow();
        assertThat(started.receivers()).containsExactly(stays.host);
    }

    @Test
    void aReceiverDroppedMidFileIsToldToQuitAndTheOtherCompletes() throws Exception {
        Path file = file(6_000_000, 13);
        FakeReceiver keeps = receiver("10.9.0.11");
        FakeReceiver dropped = receiver("10.9.0.12");
        EngineHarness h = new EngineHarness(
                EngineHarness.config(2).maxBitrate(100_000_000L).build(), List.of(file), List.of(keeps, dropped));
        h.run(0.2);
        assertThat(h.result).isNotDone();

        h.engine.dropReceiver(dropped.host, "operator request");
        TransferResult r = h.run(60);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.PARTIAL);
        assertThat(keeps.file()).isEqualTo(Files.readAllBytes(file));
        assertThat(dropped.fatal).as("the drop notice reached it").startsWith("Slice no mismatch");
        assertThat(h.io.sent()).anyMatch(s -> s.host().equals(dropped.host) && isDropNotice(s));
        TransferResult.ReceiverOutcome out = outcomeOf(r, dropped.host);
        assertThat(out.completed()).isFalse();
        assertThat(out.filesCompleted()).isZero();
        assertThat(out.reason()).isEqualTo("dropped on request: operator request");
        assertThat(out.bytesAcked()).isPositive().isLessThan(Files.size(file));
        assertThat(drops(h))
                .singleElement()
                .satisfies(d -> assertThat(d.address()).isEqualTo(dropped.host));
    }

    @Test
    void aShortLastSliceWithHolesIsRepairedBeforeTheEndOfFileCounts() throws Exception {
        int sliceBytes = SLICE_BLOCKS * BLOCK;
        int tail = 5 * BLOCK + 321; // the last slice: 6 blocks, the last one short
        int size = 3 * sliceBytes + tail;
        int totalBlocks = 3 * SLICE_BLOCKS + 6;
        Path file = file(size, 14);
        // both lose the first copy of the last block and of the one two before it
        List<FakeReceiver> rx = List.of(
                new FakeReceiver("10.9.0.11", BLOCK, i -> i == totalBlocks - 1 || i == totalBlocks - 3),
                new FakeReceiver("10.9.0.12", BLOCK, i -> i == totalBlocks - 1));
        EngineHarness h = new EngineHarness(EngineHarness.config(2).build(), List.of(file), rx);

        TransferResult r = h.run(30);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        for (FakeReceiver x : rx) {
            assertThat(x.file()).isEqualTo(Files.readAllBytes(file));
        }
        assertThat(r.stats().retransmittedBlocks()).isEqualTo(2);
        List<Buffer> data = h.io.sent().stream()
                .map(s -> Buffer.buffer(s.bytes()))
                .filter(b -> MessageCodec.opcode(b) == Opcode.DATA)
                .toList();
        assertThat(data).hasSize(totalBlocks + 2);
        for (Buffer resent : data.subList(totalBlocks, totalBlocks + 2)) {
            assertThat(DataHeader.slice(resent)).isEqualTo(3);
            assertThat(DataHeader.sliceBytes(resent)).isEqualTo(tail);
        }
        assertThat(data.get(totalBlocks + 1).length()).isEqualTo(DataHeader.SIZE + 321);
        assertThat(r.receivers()).allMatch(o -> o.completed() && o.bytesAcked() == size);
    }

    @Test
    void aCancelMidTransferTellsEveryReceiverAndEndsCancelled() throws Exception {
        Path file = file(6_000_000, 15);
        List<FakeReceiver> rx = List.of(receiver("10.9.0.11"), receiver("10.9.0.12"));
        EngineHarness h = new EngineHarness(
                EngineHarness.config(2).maxBitrate(100_000_000L).build(), List.of(file), rx);
        h.run(0.2);
        assertThat(h.result).isNotDone();
        int sentBeforeCancel = h.io.sent().size();

        h.engine.cancel("session cancelled");
        TransferResult r = h.run(1);

        assertThat(r).as("the result completes once the notices are out").isNotNull();
        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.CANCELLED);
        assertThat(r.reason()).isEqualTo("session cancelled");
        assertThat(r.receivers())
                .hasSize(2)
                .allMatch(o -> !o.completed() && o.reason().equals("cancelled: session cancelled"));
        for (FakeReceiver x : rx) {
            assertThat(x.fatal).as(x.host + " was told").startsWith("Slice no mismatch");
        }
        List<FakeSenderIo.Sent> after =
                h.io.sent().subList(sentBeforeCancel, h.io.sent().size());
        assertThat(after).allMatch(SenderEngineEdgeScenarioTest::isDropNotice);
        assertThat(after).hasSize(3 * 3); // three rounds: the data group and each receiver
        assertThat(h.events.stream().filter(e -> e instanceof SenderEvent.Cancelled))
                .hasSize(1);
    }
}
