package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImageTest {
    @TempDir
    Path dir;

    @Test
    void splitsTheTotalIntoFourUnequalPartitions() {
        List<Long> sizes = SampleImage.partitionSizes(1_000_003);
        assertThat(sizes).hasSize(4);
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000_003);
        assertThat(sizes.get(1)).isGreaterThan(sizes.get(2)).isGreaterThan(sizes.get(0));
    }

    @Test
    void writesFogNamedFilesWhoseHashesMatchTheirContent() throws Exception {
        Files.writeString(dir.resolve("d1p9.img"), "left from an older run");

        SampleImage image = SampleImage.generate(dir, 3 * 1024 * 1024 + 13, 7);

        assertThat(image.fileNames()).containsExactly("d1p1.img", "d1p2.img", "d1p3.img", "d1p4.img");
        assertThat(dir.resolve("d1p9.img")).doesNotExist();
        assertThat(image.totalBytes()).isEqualTo(3 * 1024 * 1024 + 13);
        for (SampleImage.Partition partition : image.partitions()) {
            Path file = dir.resolve(partition.name());
            assertThat(Files.size(file)).isEqualTo(partition.bytes());
            assertThat(SampleImage.sha256Of(file)).isEqualTo(partition.sha256());
        }
        assertThat(image.partitions().get(0).sha256())
                .as("random data differs between partitions")
                .isNotEqualTo(image.partitions().get(3).sha256());
    }
}
