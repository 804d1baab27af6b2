package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.netlab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResultTest {
    @TempDir
    Path dir;

    private ClientHost client(Path output, SampleImage image) throws IOException {
        Files.createDirectories(output);
        return new ClientHost(
                "pc1", new LabHost("icdtesth0", "10.204.0.1", "10.204.0.255", "p0"), output, image.fileNames());
    }

    @Test
    void aClientWithIdenticalCopiesButNoFinishedReceiverIsNotOk() throws Exception {
        SampleImage image = SampleImage.generate(dir.resolve("image"), 64 * 1024, 1);
        ClientHost client = client(dir.resolve("pc1"), image);
        for (String file : image.fileNames()) {
            Files.copy(
                    image.directory().resolve(file),
                    client.outputDir().resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        HostResult result = HostResult.check(client, image);

        // the receiver chain never ran here, so the check cannot call it a success
        assertThat(result.identical()).isFalse();
        assertThat(result.detail()).startsWith("4/4 identical").contains("receiver still running");
        assertThat(client.bytesReceived()).isEqualTo(image.totalBytes());
    }

    @Test
    void namesMissingShortAndCorruptPartitions() throws Exception {
        SampleImage image = SampleImage.generate(dir.resolve("image"), 64 * 1024, 2);
        ClientHost client = client(dir.resolve("pc1"), image);
        Files.copy(image.directory().resolve("d1p1.img"), client.outputDir().resolve("d1p1.img"));
        byte[] corrupt = Files.readAllBytes(image.directory().resolve("d1p2.img"));
        corrupt[100] ^= 1;
        Files.write(client.outputDir().resolve("d1p2.img"), corrupt);
        Files.write(client.outputDir().resolve("d1p3.img"), new byte[10]);

        HostResult result = HostResult.check(client, image);

        assertThat(result.identical()).isFalse();
        assertThat(result.detail())
                .startsWith("1/4 identical")
                .contains("d1p2.img sha256 differs")
                .contains("d1p3.img has 10 of")
                .contains("d1p4.img missing");
    }
}
