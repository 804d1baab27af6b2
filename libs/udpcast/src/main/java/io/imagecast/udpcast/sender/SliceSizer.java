package io.imagecast.udpcast.sender;

/**
 * Slice length in blocks. With two slices in flight, a slice that needs retransmission rounds holds the
 * next one back until its rounds are over: under heavy random loss nearly every slice needs several, and
 * the link idles between them. Longer slices spread those rounds over more data, but cost throughput
 * where there is no such loss: a receiver short of CPU overruns on longer bursts of one slice (both
 * measured in the bench lab: bench/results/2026-12-03-slice-length.md). So slices grow only while the
 * receivers keep reporting heavy loss, fall back to the base length on an overrun, and shrink back
 * once the loss has stopped. Stock receivers accept any length up to 1024 blocks per slice.
 */
final class SliceSizer {
    static final int MAX_ADAPTIVE_BLOCKS = 512;

    /** Worst receiver's first-round loss at or above this share: random loss heavy enough to grow. */
    static final double HEAVY_LOSS_SHARE = 0.04;

    /** Below this share a slice counts as calm. */
    static final double CALM_SHARE = 0.02;

    /** Above this share the receiver's buffer overflowed (as in {@link RateController}): not random loss. */
    static final double OVERRUN_SHARE = 0.20;

    static final int LOSSY_SLICES_TO_GROW = 4;
    static final int CALM_SLICES_TO_SHRINK = 8;

    private final int base;
    private final int max;
    private int blocks;
    private int lossyInARow;
    private int calmInARow;

    private SliceSizer(int base, int max) {
        this.base = base;
        this.max = Math.max(base, max);
        this.blocks = base;
    }

    /** A length that never changes (configured by the user, or half duplex). */
    static SliceSizer fixed(int blocks) {
        return new SliceSizer(blocks, blocks);
    }

    static SliceSizer adaptive(int base) {
        return new SliceSizer(base, MAX_ADAPTIVE_BLOCKS);
    }

    /** Adaptive only where the user left the length to the sender and two slices overlap. */
    static SliceSizer forConfig(SenderConfig config) {
        return config.sliceSize() == 0 && config.duplex() == Duplex.FULL
                ? adaptive(config.effectiveSliceSize())
                : fixed(config.effectiveSliceSize());
    }

    int blocks() {
        return blocks;
    }

    int maxBlocks() {
        return max;
    }

    /**
     * Feedback from one acknowledged slice: its length and how many blocks the worst receiver missed of
     * it in the first round. Returns whether the length for new slices changed.
     */
    boolean sliceAcknowledged(int sliceBlocks, int worstFirstRoundMissing) {
        if (base == max || sliceBlocks < 8) {
            return false;
        }
        double share = (double) worstFirstRoundMissing / sliceBlocks;
        if (share > OVERRUN_SHARE) {
            lossyInARow = 0;
            calmInARow = 0;
            return resize(base);
        }
        if (share >= HEAVY_LOSS_SHARE) {
            calmInARow = 0;
            if (++lossyInARow >= LOSSY_SLICES_TO_GROW) {
                lossyInARow = 0;
                return resize(Math.min(max, blocks * 3 / 2));
            }
        } else if (share < CALM_SHARE) {
            lossyInARow = 0;
            if (++calmInARow >= CALM_SLICES_TO_SHRINK) {
                calmInARow = 0;
                return resize(Math.max(base, blocks * 2 / 3));
            }
        }
        return false;
    }

    private boolean resize(int newBlocks) {
        boolean changed = newBlocks != blocks;
        blocks = newBlocks;
        return changed;
    }
}
