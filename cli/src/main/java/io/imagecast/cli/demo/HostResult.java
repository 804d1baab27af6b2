package io.imagecast.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What one client ended up with: every partition byte-identical to the image, or what differs;
 * {@code deliveredBytes} counts the partitions it holds byte-identical, nothing else.
 */
record HostResult(
        String name,
        String address,
        boolean identical,
        Integer exitCode,
        String detail,
        Path log,
        long deliveredBytes) {

    static HostResult check(ClientHost client, SampleImage image) throws IOException {
        return check(client, image, bytes -> {});
    }

    /** As {@link #check(ClientHost, SampleImage)}, telling {@code hashed} about the bytes hashed. */
    static HostResult check(ClientHost client, SampleImage image, LongConsumer hashed) throws IOException {
        List<String> problems = new ArrayList<>();
        int good = 0;
        long delivered = 0;
        for (SampleImage.Partition partition : image.partitions()) {
            Path received = client.outputDir().resolve(partition.name());
            if (!Files.exists(received)) {
                problems.add(partition.name() + " missing");
            } else if (Files.size(received) != partition.bytes()) {
                problems.add(partition.name() + " has " + Files.size(received) + " of " + partition.bytes() + " bytes");
            } else if (!SampleImage.sha256Of(received, hashed).equals(partition.sha256())) {
                problems.add(partition.name() + " sha256 differs");
            } else {
                good++;
                delivered += partition.bytes();
            }
        }
        Integer exit = client.exitCode();
        if (exit == null) {
            problems.add("receiver still running when stopped");
        } else if (exit != 0) {
            problems.add("receiver exited with " + exit);
        }
        int total = image.partitions().size();
        String detail = problems.isEmpty()
                ? total + "/" + total + " partitions byte-identical (sha256)"
                : good + "/" + total + " identical; " + String.join(", ", problems);
        return new HostResult(
                client.name(), client.address(), problems.isEmpty(), exit, detail, client.log(), delivered);
    }
}
