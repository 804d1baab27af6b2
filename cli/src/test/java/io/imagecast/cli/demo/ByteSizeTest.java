package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void parsesBinaryUnits() {
        assertThat(ByteSize.parse("8M")).isEqualTo(8L << 20);
        assertThat(ByteSize.parse("300m")).isEqualTo(300L << 20);
        assertThat(ByteSize.parse("1.5G")).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(64L << 10);
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
    }

    @Test
    void refusesWhatIsNoSize() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ByteSize.parse("lots"))
                .withMessageContaining("lots");
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse("-5M"));
    }

    @Test
    void formatsForPeople() {
        assertThat(ByteSize.format(512)).isEqualTo("512 B");
        assertThat(ByteSize.format(8L << 20)).isEqualTo("8.0 MiB");
        assertThat(ByteSize.format(300L << 20)).isEqualTo("300 MiB");
    }
}
