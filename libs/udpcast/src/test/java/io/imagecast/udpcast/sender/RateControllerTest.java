package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateControllerTest {
    private static final long MS = 1_000_000L;
    private static final int STOCK_RECEIVE_BUFFER = 212_992;

    @Test
    void burstStartsAtHalfTheSmallestReceiveBufferAndGrowsToThreeQuartersOnCleanSlices() {
        RateController rate = new RateController(0, 600_000_000L, 0);
        rate.receiverBuffer(STOCK_RECEIVE_BUFFER);
        assertThat(rate.burstBytes()).isEqualTo(STOCK_RECEIVE_BUFFER / 2);

        for (int i = 0; i < 100; i++) {
            rate.sliceAcknowledged(i, i + 2, 112, 0);
        }

        assertThat(rate.burstBytes()).isEqualTo(STOCK_RECEIVE_BUFFER * 3 / 4);
    }

    @Test
    void anOverrunCutsRateAndBurstWhileRandomLossLeavesThemAlone() {
        RateController rate = new RateController(0, 600_000_000L, 0);
        rate.receiverBuffer(STOCK_RECEIVE_BUFFER);
        int burst = rate.burstBytes();

        rate.sliceAcknowledged(0, 2, 112, 12); // about 10 % missing: random loss, no change
        assertThat(rate.bitsPerSecond()).isEqualTo(600_000_000L);
        assertThat(rate.burstBytes()).isEqualTo(burst);

        rate.sliceAcknowledged(1, 3, 112, 60); // half the slice missing: the receiver's buffer overflowed
        assertThat(rate.bitsPerSecond()).isEqualTo(450_000_000L);
        assertThat(rate.burstBytes()).isEqualTo((int) (burst * 0.8));
    }

    @Test
    void slicesAlreadyUnderWayWhenTheRateWasCutDoNotCutItAgain() {
        RateController rate = new RateController(0, 800_000_000L, 0);
        rate.sliceAcknowledged(10, 12, 112, 80); // cut; slices 10 and 11 were already sent
        long afterCut = rate.bitsPerSecond();

        rate.sliceAcknowledged(11, 12, 112, 90); // the same starved receiver, same episode
        assertThat(rate.bitsPerSecond()).isEqualTo(afterCut);

        rate.sliceAcknowledged(12, 14, 112, 90); // sent after the cut and still overrun: a new cut
        assertThat(rate.bitsPerSecond()).isLessThan(afterCut);
    }

    @Test
    void afterOverrunsStopTheRateIsBackNearItsFormerLevelWithinAFewSlices() {
        RateController rate = new RateController(0, 900_000_000L, 0);
        rate.sliceAcknowledged(0, 2, 112, 100);
        rate.sliceAcknowledged(2, 4, 112, 100);
        rate.sliceAcknowledged(4, 6, 112, 100);
        assertThat(rate.bitsPerSecond()).isLessThan(400_000_000L);

        for (int slice = 6; slice < 16; slice++) {
            rate.sliceAcknowledged(slice, slice + 2, 112, 0);
        }
        // ten clean slices: within 10 % of the rate of the last cut (533 Mbit/s)
        assertThat(rate.bitsPerSecond()).isGreaterThan(480_000_000L);
    }

    @Test
    void theFenceStartsAgainWithEachFile() {
        RateController rate = new RateController(0, 800_000_000L, 0);
        rate.sliceAcknowledged(500, 502, 112, 80);
        long afterCut = rate.bitsPerSecond();
        rate.newFile();

        rate.sliceAcknowledged(0, 2, 112, 80);

        assertThat(rate.bitsPerSecond()).isLessThan(afterCut);
    }

    @Test
    void aConfiguredCapIsNeverExceeded() {
        RateController rate = new RateController(100_000_000L, 600_000_000L, 0);
        for (int i = 0; i < 50; i++) {
            rate.sliceAcknowledged(i, i + 2, 112, 0);
        }
        assertThat(rate.bitsPerSecond()).isEqualTo(100_000_000L);
    }

    @Test
    void tokensRefillWithTimeButNeverBeyondOneBurst() {
        RateController rate = new RateController(0, 800_000_000L, 0);
        rate.receiverBuffer(STOCK_RECEIVE_BUFFER);
        rate.refill(0);
        assertThat(rate.canSend()).isFalse();

        rate.refill(10 * MS); // 10 ms at 100 MB/s would be 1 MB, but one burst is the most
        int sent = 0;
        while (rate.canSend()) {
            rate.charge(1456 + 16);
            sent += 1456 + 16 + 28;
        }
        assertThat(sent).isBetween(rate.burstBytes(), rate.burstBytes() + 1500);
    }
}
