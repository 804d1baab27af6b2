package io.imagecast.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MulticastBlockTest {
    @Test
    void acceptsAdministrativelyScopedBlocks() {
        assertThat(MulticastBlock.problemWith("239.10.0.0/24")).isEmpty();
        assertThat(MulticastBlock.problemWith("239.255.1.7/32")).isEmpty();
        assertThat(MulticastBlock.parse("239.10.0.0/16").toString()).isEqualTo("239.10.0.0/16");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThat(MulticastBlock.problemWith("239.10.0.1/24"))
                .hasValueSatisfying(p -> assertThat(p).contains("host bits").contains("239.10.0.0/24"));
        assertThat(MulticastBlock.problemWith("10.0.0.0/8"))
                .hasValueSatisfying(p -> assertThat(p).contains("224.0.0.0/4"));
        assertThat(MulticastBlock.problemWith("224.0.0.0/24"))
                .hasValueSatisfying(p -> assertThat(p).contains("local network control"));
        assertThat(MulticastBlock.problemWith("224.0.0.0/4"))
                .hasValueSatisfying(p -> assertThat(p).contains("local network control"));
        assertThat(MulticastBlock.problemWith("239.1.1.1"))
                .hasValueSatisfying(p -> assertThat(p).contains("prefix"));
        assertThat(MulticastBlock.problemWith("239.1.1.0/33")).isPresent();
        assertThat(MulticastBlock.problemWith("239.1.1.0/")).isPresent();
        assertThat(MulticastBlock.problemWith("239.1.1.0/x")).isPresent();
        assertThat(MulticastBlock.problemWith("239.1.256.0/24")).isPresent();
        assertThat(MulticastBlock.problemWith("")).isPresent();
    }

    @Test
    void overlapIsContainmentEitherWay() {
        MulticastBlock wide = MulticastBlock.parse("239.1.0.0/16");
        MulticastBlock narrow = MulticastBlock.parse("239.1.5.0/24");
        MulticastBlock elsewhere = MulticastBlock.parse("239.2.0.0/16");
        assertThat(wide.overlaps(narrow)).isTrue();
        assertThat(narrow.overlaps(wide)).isTrue();
        assertThat(wide.overlaps(elsewhere)).isFalse();
    }
}
