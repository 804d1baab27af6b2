package io.imagecast.udpcast.sender;

/**
 * Token-bucket pacing with a rate that follows receiver feedback. A slice where some receiver missed a
 * large share of the blocks (its buffer overflowed: not random loss) cuts the rate once; the slices
 * that were already under way when it was cut cannot have heard of the cut and do not cut again. Clean
 * slices first win back a quarter of the distance to the rate at the last cut each (so a receiver that
 * was briefly starved of CPU costs a few slices, not the rest of the transfer), then probe above it by
 * 4 % each. With a configured cap the rate never exceeds it.
 */
final class RateController {
    /** Random link loss stays below this share; buffer overruns go far above it. */
    private static final double OVERRUN_SHARE = 0.20;

    private static final long MIN_RATE = 10_000_000L;
    private final long cap;
    private long rate;
    /** The rate when overruns last cut it: recovery heads back here quickly. */
    private long rateAtLastCut;
    /** Slices numbered below this were opened before the last cut; their overruns are old news. */
    private int cutFence;

    private double tokens;
    private long lastRefillNanos;
    /** Without a usable announcement from the receivers: safe for a 212 KB receive buffer. */
    static final int DEFAULT_BURST = 96 * 1024;

    private static final int MIN_BURST = 64 * 1024;
    private static final int MAX_BURST = 1024 * 1024;
    private double burstBytes = DEFAULT_BURST;
    private double burstCeiling = DEFAULT_BURST;

    RateController(long maxBitrate, long initialBitrate, long nowNanos) {
        this.cap = maxBitrate > 0 ? maxBitrate : 20_000_000_000L;
        this.rate = maxBitrate > 0 ? maxBitrate : Math.min(initialBitrate, cap);
        this.lastRefillNanos = nowNanos;
    }

    /**
     * Sizes the burst: what may go out at once when a pacing tick comes late (the clock wakes every
     * 0.25 ms, a busy machine delays it by a millisecond or more, and a burst cap below rate × delay
     * caps the rate). It starts at half the smallest receive buffer the receivers announced (measured: a
     * full buffer's worth overran busy receivers more often) and may grow to three quarters of it while
     * slices come back clean; a receiver that overruns cuts it with the rate.
     */
    void receiverBuffer(int smallestBytes) {
        if (smallestBytes <= 0) {
            burstBytes = burstCeiling = DEFAULT_BURST;
            return;
        }
        burstBytes = Math.max(MIN_BURST, Math.min(MAX_BURST, smallestBytes / 2));
        burstCeiling = Math.max(burstBytes, Math.min(MAX_BURST, smallestBytes * 3L / 4));
    }

    int burstBytes() {
        return (int) burstBytes;
    }

    long bitsPerSecond() {
        return rate;
    }

    void refill(long nowNanos) {
        long dt = nowNanos - lastRefillNanos;
        lastRefillNanos = nowNanos;
        if (dt <= 0) {
            return;
        }
        tokens = Math.min(burstBytes, tokens + rate / 8.0 * dt / 1e9);
    }

    boolean canSend() {
        return tokens > 0;
    }

    /** Charges one datagram: its UDP payload plus 28 bytes of IPv4 and UDP headers. */
    void charge(int payloadBytes) {
        tokens -= payloadBytes + 28;
    }

    /** A new file: slice numbers start again at 0. */
    void newFile() {
        cutFence = 0;
    }

    /**
     * Feedback from one acknowledged slice.
     *
     * @param slice its number
     * @param nextSlice the number the next slice to be opened will get (what a cut applies from)
     */
    void sliceAcknowledged(int slice, int nextSlice, int blocks, int worstReceiverMissing) {
        if (blocks < 8) {
            return;
        }
        double share = (double) worstReceiverMissing / blocks;
        if (share > OVERRUN_SHARE) {
            if (slice < cutFence) {
                return;
            }
            rateAtLastCut = rate;
            cutFence = nextSlice;
            rate = Math.max(MIN_RATE, (long) (rate * 0.75));
            burstBytes = Math.max(MIN_BURST, burstBytes * 0.8);
        } else if (share < OVERRUN_SHARE / 2) {
            long step = rate < rateAtLastCut
                    ? Math.max(5_000_000L, (rateAtLastCut - rate) / 4)
                    : Math.max(5_000_000L, rate / 25);
            rate = Math.min(cap, rate + step);
            burstBytes = Math.min(burstCeiling, burstBytes * 1.04);
        }
    }
}
