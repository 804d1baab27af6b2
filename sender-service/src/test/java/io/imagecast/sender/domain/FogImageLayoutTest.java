package io.imagecast.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FogImageLayoutTest {
    @Test
    void ordersPartitionsNaturallyAndSkipsSidecars() {
        List<String> names = List.of("sys.img", "d1.partitions", "rec.img", "d1p1.img", "notes.txt", "d1p2.img.000");

        assertThat(FogImageLayout.inSendingOrder(names)).containsExactly("d1p1.img", "rec.img", "sys.img");
        assertThat(FogImageLayout.isSplitChunk("d1p2.img.000")).isTrue();
    }

    @Test
    void numbersCompareAsNumbers() {
        assertThat(FogImageLayout.inSendingOrder(List.of("d1p10.img", "d1p9.img", "d10p1.img", "d2p1.img")))
                .containsExactly("d1p9.img", "d1p10.img", "d2p1.img", "d10p1.img");
    }
}
