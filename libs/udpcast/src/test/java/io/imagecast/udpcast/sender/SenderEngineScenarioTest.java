package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.udpcast.wire.DataHeader;
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
 * The sender engine's rules, driven through fake surroundings with a manual clock: no root, no
 * network, a few seconds per scenario. The namespace suite proves the same against stock udpcast.
 */
class SenderEngineScenarioTest {
    private static final int BLOCK = 1456;

    @TempDir
    Path dir;

    private Path file(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static FakeReceiver receiver(String host) {
        return new FakeReceiver(host, BLOCK, i -> false);
    }

    @Test
    void twoReceiversGetEveryByteOfAFileThatEndsInsideABlock() throws Exception {
        Path file = file("image.bin", 1_234_567, 1);
        List<FakeReceiver> rx = List.of(receiver("10.9.0.11"), receiver("10.9.0.12"));
        EngineHarness h = new EngineHarness(EngineHarness.config(2).build(), List.of(file), rx);

        TransferResult r = h.run(30);

        assertThat(r).isNotNull();
        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        for (FakeReceiver x : rx) {
            assertThat(x.fatal).isNull();
            assertThat(x.file()).isEqualTo(Files.readAllBytes(file));
        }
        assertThat(r.receivers()).allMatch(TransferResult.ReceiverOutcome::completed);
    }

    @Test
    void lostBlocksAreSentAgainUntilEveryReceiverHasThem() throws Exception {
        Path file = file("image.bin", 2_000_000, 2);
        List<FakeReceiver> rx = List.of(
                new FakeReceiver("10.9.0.11", BLOCK, i -> i % 10 == 3),
                new FakeReceiver("10.9.0.12", BLOCK, i -> i % 7 == 0));
        EngineHarness h = new EngineHarness(EngineHarness.config(2).build(), List.of(file), rx);

        TransferResult r = h.run(60);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        assertThat(r.stats().retransmittedBlocks()).isGreaterThan(0);
        for (FakeReceiver x : rx) {
            assertThat(x.file()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void heavyRandomLossMakesSlicesLongerAndEveryByteStillArrives() throws Exception {
        Path file = file("image.bin", 12_000_000, 4);
        Random loss = new Random(5);
        List<FakeReceiver> rx = List.of(
                new FakeReceiver("10.9.0.11", BLOCK, i -> loss.nextDouble() < 0.06),
                new FakeReceiver("10.9.0.12", BLOCK, i -> loss.nextDouble() < 0.06));
        EngineHarness h = new EngineHarness(EngineHarness.config(2).build(), List.of(file), rx);

        TransferResult r = h.run(120);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        for (FakeReceiver x : rx) {
            assertThat(x.fatal).isNull();
            assertThat(x.file()).isEqualTo(Files.readAllBytes(file));
            assertThat(x.longestSliceBytes()).isGreaterThan(112 * BLOCK);
        }
    }

    @Test
    void aConfiguredSliceLengthStaysFixedUnderLoss() throws Exception {
        Path file = file("image.bin", 6_000_000, 6);
        Random loss = new Random(7);
        List<FakeReceiver> rx = List.of(new FakeReceiver("10.9.0.11", BLOCK, i -> loss.nextDouble() < 0.06));
        EngineHarness h =
                new EngineHarness(EngineHarness.config(1).sliceSize(112).build(), List.of(file), rx);

        TransferResult r = h.run(120);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        assertThat(rx.get(0).file()).isEqualTo(Files.readAllBytes(file));
        assertThat(rx.get(0).longestSliceBytes()).isEqualTo(112 * BLOCK);
    }

    @Test
    void sliceOneWaitsForEveryReceiversFirstAnswerAndLaterSlicesOverlapTheirAcknowledgements() throws Exception {
        Path file = file("image.bin", 3_000_000, 3);
        List<FakeReceiver> rx = List.of(receiver("10.9.0.11"), receiver("10.9.0.12"));
        EngineHarness h = new EngineHarness(EngineHarness.config(2).build(), List.of(file), rx);

        TransferResult r = h.run(60);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        long lastFirstAnswer = h.firstAnswerNanos.values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElseThrow();
        long firstDataOfSliceOne = firstDataOf(h, 1);
        assertThat(firstDataOfSliceOne).isGreaterThanOrEqualTo(lastFirstAnswer);
        // pipelining: from slice 2 on, a slice's DATA leaves before the slice before it is acknowledged
        // (not always: the file reader is a real thread and may be a slice late)
        int overlapped = 0;
        for (int slice = 2; slice < 15; slice++) {
            if (firstDataOf(h, slice) < h.lastOkNanos.get(slice - 1)) {
                overlapped++;
            }
        }
        assertThat(overlapped)
                .as("slices 2-14 sent while the one before was acknowledged")
                .isGreaterThan(8);
    }

    @Test
    void aReceiverThatFallsSilentIsDroppedAfterTheReceiverTimeoutAndTheOtherCompletes() throws Exception {
        Path file = file("image.bin", 20_000_000, 4);
        FakeReceiver keeps = receiver("10.9.0.11");
        FakeReceiver dies = new FakeReceiver("10.9.0.12", BLOCK, i -> {
            return false;
        });
        EngineHarness h = new EngineHarness(
                EngineHarness.config(2)
                        .maxBitrate(200_000_000L)
                        .receiverTimeout(Duration.ofSeconds(2))
                        .build(),
                List.of(file),
                List.of(keeps, dies));
        h.run(0.2);
        dies.silent = true; // killed mid-transfer, no DISCONNECT
        long silentFrom = h.io.nowNanos();

        TransferResult r = h.run(60);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.PARTIAL);
        assertThat(keeps.file()).isEqualTo(Files.readAllBytes(file));
        assertThat(r.receivers())
                .filteredOn(o -> o.address().equals(dies.host))
                .singleElement()
                .satisfies(o -> assertThat(o.reason()).startsWith("no answer for"));
        SenderEvent.ReceiverDropped dropped = h.events.stream()
                .filter(e -> e instanceof SenderEvent.ReceiverDropped)
                .map(e -> (SenderEvent.ReceiverDropped) e)
                .findFirst()
                .orElseThrow();
        assertThat(dropped.address()).isEqualTo(dies.host);
        assertThat(silentFrom).isPositive();
    }

    @Test
    void twoFilesAreTwoTransfersOnTheSamePortAndBothArrive() throws Exception {
        Path first = file("d1p1.img", 500_000, 5);
        Path second = file("d1p2.img", 300_001, 6);
        List<FakeReceiver> rx = List.of(receiver("10.9.0.11"), receiver("10.9.0.12"));
        EngineHarness h = new EngineHarness(EngineHarness.config(2).build(), List.of(first, second), rx);

        TransferResult r = h.run(60);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.COMPLETED);
        assertThat(r.receivers()).allMatch(o -> o.filesCompleted() == 2 && o.completed());
        for (FakeReceiver x : rx) {
            assertThat(x.file()).isEqualTo(Files.readAllBytes(second)); // the last file it received
        }
    }

    @Test
    void aNetworkThatRefusesEverySendEndsTheTransferAfterTheReceiverTimeout() throws Exception {
        Path file = file("image.bin", 50_000_000, 7);
        List<FakeReceiver> rx = List.of(receiver("10.9.0.11"), receiver("10.9.0.12"));
        EngineHarness h = new EngineHarness(
                EngineHarness.config(2)
                        .maxBitrate(100_000_000L)
                        .receiverTimeout(Duration.ofSeconds(2))
                        .build(),
                List.of(file),
                rx);
        h.run(0.5);
        h.io.refusal = "Network is unreachable";
        long refusedAt = h.io.nowNanos();

        TransferResult r = h.run(30);

        assertThat(r).as("the transfer ended").isNotNull();
        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.FAILED);
        assertThat(r.receivers()).allMatch(o -> o.reason().contains("Network is unreachable"));
        assertThat((h.io.nowNanos() - refusedAt) / 1e9).isLessThan(3.0);
    }

    private static long firstDataOf(EngineHarness h, int slice) {
        return h.io.sent().stream()
                .filter(s -> isData(s.bytes()) && DataHeader.slice(Buffer.buffer(s.bytes())) == slice)
                .mapToLong(FakeSenderIo.Sent::atNanos)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private static boolean isData(byte[] bytes) {
        return MessageCodec.opcode(Buffer.buffer(bytes)) == Opcode.DATA;
    }
}
