package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

    private static final FileTime HOUR_AGO = FileTime.from(Instant.now().minus(Duration.ofHours(1)));

    private void ageEverything() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, HOUR_AGO);
            }
        }
    }

    @Test
    void keepsAnImageThatIsAlreadyRight() throws Exception {
        SampleImage first = SampleImage.prepare(dir, 256 * 1024, 1);
        ageEverything();

        SampleImage second = SampleImage.prepare(dir, 256 * 1024, 2);

        assertThat(first.kept()).isFalse();
        assertThat(second.kept()).isTrue();
        assertThat(second.partitions()).isEqualTo(first.partitions());
        // not rewritten: a rewrite would give new random content and a new modification time
        for (SampleImage.Partition partition : second.partitions()) {
            assertThat(Files.getLastModifiedTime(dir.resolve(partition.name()))).isEqualTo(HOUR_AGO);
        }
    }

    @Test
    void writesAFreshImageWhenTheSizeDiffers() throws Exception {
        SampleImage.prepare(dir, 256 * 1024, 1);

        SampleImage image = SampleImage.prepare(dir, 512 * 1024, 2);

        assertThat(image.kept()).isFalse();
        assertThat(image.totalBytes()).isEqualTo(512 * 1024);
        for (SampleImage.Partition partition : image.partitions()) {
            assertThat(SampleImage.sha256Of(dir.resolve(partition.name()))).isEqualTo(partition.sha256());
        }
    }

    @Test
    void writesAFreshImageWhenAPartitionChangedAfterItsManifest() throws Exception {
        SampleImage.prepare(dir, 256 * 1024, 1);
        ageEverything();
        // same size, other content, modified now
        Files.write(dir.resolve("d1p2.img"), new byte[(int) Files.size(dir.resolve("d1p2.img"))]);

        SampleImage image = SampleImage.prepare(dir, 256 * 1024, 2);

        assertThat(image.kept()).isFalse();
        for (SampleImage.Partition partition : image.partitions()) {
            assertThat(SampleImage.sha256Of(dir.resolve(partition.name()))).isEqualTo(partition.sha256());
        }
    }

    @Test
    void hashingReportsEveryByteItReads() throws Exception {
        SampleImage image = SampleImage.generate(dir, 3 * 1024 * 1024 + 5, 3);
        AtomicLong hashed = new AtomicLong();

        for (String name : image.fileNames()) {
            SampleImage.sha256Of(dir.resolve(name), hashed::addAndGet);
        }

        assertThat(hashed.get()).isEqualTo(image.totalBytes());
    }
}
