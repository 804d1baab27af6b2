package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SliceSizerTest {
    private static final int BASE = 112;

    /** Feeds slices whose worst receiver missed this share in the first round. */
    private static void slices(SliceSizer sizer, int count, double missingShare) {
        for (int i = 0; i < count; i++) {
            sizer.sliceAcknowledged(sizer.blocks(), (int) Math.round(sizer.blocks() * missingShare));
        }
    }

    @Test
    void heavyRandomLossGrowsSlicesUpToTheCap() {
        SliceSizer sizer = SliceSizer.adaptive(BASE);

        slices(sizer, 3, 0.06);
        assertThat(sizer.blocks())
                .as("three lossy slices are not yet a pattern")
                .isEqualTo(BASE);
        slices(sizer, 1, 0.06);
        assertThat(sizer.blocks()).isEqualTo(168);
        slices(sizer, 100, 0.06);
        assertThat(sizer.blocks()).isEqualTo(SliceSizer.MAX_ADAPTIVE_BLOCKS);
    }

    @Test
    void lightLossLeavesTheLengthAlone() {
        SliceSizer sizer = SliceSizer.adaptive(BASE);

        slices(sizer, 100, 0.027);

        assertThat(sizer.blocks()).isEqualTo(BASE);
    }

    @Test
    void anOverrunFallsBackToTheBaseAtOnce() {
        SliceSizer sizer = SliceSizer.adaptive(BASE);
        slices(sizer, 40, 0.06);
        assertThat(sizer.blocks()).isGreaterThan(BASE);

        boolean changed = sizer.sliceAcknowledged(sizer.blocks(), sizer.blocks() / 2);

        assertThat(changed).isTrue();
        assertThat(sizer.blocks()).isEqualTo(BASE);
    }

    @Test
    void slicesShrinkBackOnceTheLossHasStopped() {
        SliceSizer sizer = SliceSizer.adaptive(BASE);
        slices(sizer, 40, 0.06);
        int grown = sizer.blocks();

        slices(sizer, 8, 0.0);
        assertThat(sizer.blocks()).isLessThan(grown);
        slices(sizer, 200, 0.0);
        assertThat(sizer.blocks()).isEqualTo(BASE);
    }

    @Test
    void aFixedLengthNeverChanges() {
        SliceSizer sizer = SliceSizer.fixed(BASE);

        slices(sizer, 100, 0.06);
        sizer.sliceAcknowledged(BASE, BASE);

        assertThat(sizer.blocks()).isEqualTo(BASE);
        assertThat(sizer.maxBlocks()).isEqualTo(BASE);
    }
}
