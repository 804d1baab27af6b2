package io.imagecast.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortWindowTest {
    @Test
    void adjacentEvenWindowsDoNotOverlap() {
        assertThat(new PortWindow(9000, 9098).overlaps(new PortWindow(9100, 9198)))
                .isFalse();
        assertThat(new PortWindow(9100, 9198).overlaps(new PortWindow(9000, 9098)))
                .isFalse();
    }

    @Test
    void sharedBasePortOrNestingOverlaps() {
        assertThat(new PortWindow(9000, 9100).overlaps(new PortWindow(9100, 9200)))
                .isTrue();
        assertThat(new PortWindow(9000, 9500).overlaps(new PortWindow(9100, 9200)))
                .isTrue();
        assertThat(new PortWindow(9100, 9200).overlaps(new PortWindow(9000, 9500)))
                .isTrue();
    }
}
