package io.imagecast.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A multi-partition image as FOG stores one: {@code d1p1.img .. d1p4.img} in one directory, random data
 * (incompressible, like the compressed partclone streams FOG sends), partitions of unequal size like a
 * real disk (small boot partition, large system partition, ...).
 */
final class SampleImage {
    /** Share of the total size per partition, in per mille. */
    private static final int[] SHARES = {50, 600, 250, 100};

    record Partition(String name, long bytes, String sha256) {}

    /** Beside the partitions: one line per partition, "sha256 bytes name", written after them. */
    static final String MANIFEST = ".sample-image";

    private final Path directory;
    private final List<Partition> partitions;
    private final boolean kept;

    private SampleImage(Path directory, List<Partition> partitions, boolean kept) {
        this.directory = directory;
        this.partitions = List.copyOf(partitions);
        this.kept = kept;
    }

    /**
     * The image already in {@code directory} when its manifest describes an image of {@code totalBytes}
     * and every partition still has its recorded size and was not modified after the manifest was
     * written (so a large image is neither rewritten nor re-hashed); otherwise a fresh one, with its
     * manifest.
     */
    static SampleImage prepare(Path directory, long totalBytes, long seed) {
        SampleImage existing = existing(directory, totalBytes);
        if (existing != null) {
            return existing;
        }
        SampleImage image = generate(directory, totalBytes, seed);
        List<String> lines = new ArrayList<>();
        for (Partition partition : image.partitions) {
            lines.add(partition.sha256() + " " + partition.bytes() + " " + partition.name());
        }
        try {
            Files.write(directory.resolve(MANIFEST), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(MANIFEST), e);
        }
        return image;
    }

    private static SampleImage existing(Path directory, long totalBytes) {
        Path manifest = directory.resolve(MANIFEST);
        try {
            if (!Files.isRegularFile(manifest)) {
                return null;
            }
            List<Long> sizes = partitionSizes(totalBytes);
            List<String> lines = Files.readAllLines(manifest).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
            if (lines.size() != sizes.size()) {
                return null;
            }
            FileTime written = Files.getLastModifiedTime(manifest);
            List<Partition> partitions = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i++) {
                String[] fields = lines.get(i).trim().split(" +");
                String name = "d1p" + (i + 1) + ".img";
                Path file = directory.resolve(name);
                if (fields.length != 3
                        || !fields[2].equals(name)
                        || Long.parseLong(fields[1]) != sizes.get(i)
                        || !Files.isRegularFile(file)
                        || Files.size(file) != sizes.get(i)
                        || Files.getLastModifiedTime(file).compareTo(written) > 0) {
                    return null;
                }
                partitions.add(new Partition(name, sizes.get(i), fields[0]));
            }
            return new SampleImage(directory, partitions, true);
        } catch (IOException | RuntimeException unreadable) {
            return null; // a fresh image replaces whatever this is
        }
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
            return new SampleImage(directory, partitions, false);
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
        return sha256Of(file, bytes -> {});
    }

    /** Hashes the file, telling {@code hashed} about every chunk read (for progress on large files). */
    static String sha256Of(Path file, LongConsumer hashed) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
                hashed.accept(read);
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

    /** True when {@link #prepare} found the image already right and left it as it was. */
    boolean kept() {
        return kept;
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
