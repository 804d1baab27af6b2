package io.imagecast.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multi-partition image as FOG stores one: {@code d1p1.img .. d1p4.img} in one directory, random data
 * (incompressible, like the compressed partclone streams FOG sends), partitions of unequal size like a
 * real disk (small boot partition, large system partition, ...).
 */
final class SampleImage {
    /** Share of the total size per partition, in per mille. */
    private static final int[] SHARES = {50, 600, 250, 100};

    record Partition(String name, long bytes, String sha256) {}

    private final Path directory;
    private final List<Partition> partitions;

    private SampleImage(Path directory, List<Partition> partitions) {
        this.directory = directory;
        this.partitions = List.copyOf(partitions);
    }

    static List<Long> partitionSizes(long totalBytes) {
        if (totalBytes < SHARES.length) {
            throw new IllegalArgumentException("the image needs at least " + SHARES.length + " bytes");
        }
        List<Long> sizes = new ArrayList<>();
        long assigned = 0;
        for (int i = 0; i < SHARES.length - 1; i++) {
            long size = Math.max(1, totalBytes * SHARES[i] / 1000);
            sizes.add(size);
            assigned += size;
        }
        sizes.add(totalBytes - assigned);
        return sizes;
    }

    /** Writes a fresh image into {@code directory} (replacing what was there) and hashes it on the way. */
    static SampleImage generate(Path directory, long totalBytes, long seed) {
        try {
            Files.createDirectories(directory);
            try (var old = Files.list(directory)) {
                for (Path file : old.toList()) {
                    if (Files.isRegularFile(file)) {
                        Files.delete(file);
                    }
                }
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<Long> sizes = partitionSizes(totalBytes);
            List<Partition> partitions = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i++) {
                String name = "d1p" + (i + 1) + ".img";
                partitions.add(new Partition(name, sizes.get(i), write(directory.resolve(name), sizes.get(i), random)));
            }
            return new SampleImage(directory, partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample image in " + directory, e);
        }
    }

    private static String write(Path file, long bytes, SplittableRandom random) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long left = bytes;
            while (left > 0) {
                buffer.clear();
                int chunk = (int) Math.min(buffer.capacity(), left);
                for (int i = 0; i + 8 <= chunk; i += 8) {
                    buffer.putLong(random.nextLong());
                }
                while (buffer.position() < chunk) {
                    buffer.put((byte) random.nextInt());
                }
                buffer.flip();
                sha.update(buffer.array(), 0, chunk);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                left -= chunk;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    Path directory() {
        return directory;
    }

    List<Partition> partitions() {
        return partitions;
    }

    List<String> fileNames() {
        return partitions.stream().map(Partition::name).toList();
    }

    long totalBytes() {
        return partitions.stream().mapToLong(Partition::bytes).sum();
    }
}
