package io.imagecast.sender.domain;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves the image directory and file names of a start command under the storage root. Paths are
 * checked both lexically (no absolute paths, no {@code ..}) and after following symlinks, so a link
 * pointing outside the root is refused like a literal escape. Refusals name paths relative to the
 * storage root only: they become session reasons that viewers read.
 */
public final class ImageResolver {
    private final Path storageRoot;

    public ImageResolver(Path storageRoot) {
        this.storageRoot = storageRoot.toAbsolutePath().normalize();
    }

    public ResolvedImage resolve(String imageDir, List<String> fileNames) throws ImageResolutionException {
        Path realRoot = realRoot();
        Path directory = underRoot(imageDir == null ? "" : imageDir, storageRoot);
        List<String> names =
                fileNames == null || fileNames.isEmpty() ? listPartitionFiles(directory, realRoot) : fileNames;
        List<ImageFile> files = new ArrayList<>();
        for (String name : names) {
            Path file = underRoot(name, directory);
            files.add(checkedFile(name, file, realRoot));
        }
        return new ResolvedImage(files);
    }

    private List<String> listPartitionFiles(Path directory, Path realRoot) throws ImageResolutionException {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ImageResolutionException("image directory " + shown(directory) + " does not exist");
        } catch (IOException e) {
            throw new ImageResolutionException(
                    "image directory " + shown(directory) + " is not accessible: " + describe(e));
        }
        if (!real.startsWith(realRoot)) {
            throw new ImageResolutionException(
                    "image directory " + shown(directory) + " refused: it resolves to a path outside the storage root");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(real)) {
            names = entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new ImageResolutionException(
                    "image directory " + shown(directory) + " cannot be listed: " + describe(e));
        }
        List<String> chunks =
                names.stream().filter(FogImageLayout::isSplitChunk).sorted().toList();
        if (!chunks.isEmpty()) {
            throw new ImageResolutionException("image directory " + shown(directory) + " holds split partition chunks "
                    + chunks + "; sending a split partition as one stream is not supported yet");
        }
        List<String> partitions = FogImageLayout.inSendingOrder(names);
        if (partitions.isEmpty()) {
            throw new ImageResolutionException("image directory " + shown(directory)
                    + " holds no partition files (d<disk>p<part>.img, rec.img, sys.img)");
        }
        return partitions;
    }

    private Path realRoot() throws ImageResolutionException {
        try {
            return storageRoot.toRealPath();
        } catch (IOException e) {
            throw new ImageResolutionException("the storage root is not accessible: " + describe(e));
        }
    }

    private Path underRoot(String relative, Path base) throws ImageResolutionException {
        Path candidate;
        try {
            Path given = Path.of(relative);
            if (given.isAbsolute()) {
                throw new ImageResolutionException("image path " + relative + " must be relative to the storage root");
            }
            for (Path part : given) {
                if (part.toString().equals("..")) {
                    throw new ImageResolutionException(
                            "image path " + relative + " refused: '..' may not appear in image paths");
                }
            }
            candidate = base.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new ImageResolutionException("image path " + relative + " is not a valid path: " + e.getReason());
        }
        if (!candidate.startsWith(storageRoot)) {
            throw new ImageResolutionException("image path " + relative + " lies outside the storage root");
        }
        return candidate;
    }

    private ImageFile checkedFile(String name, Path file, Path realRoot) throws ImageResolutionException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ImageResolutionException("image file " + shown(file) + " does not exist");
        } catch (IOException e) {
            throw new ImageResolutionException("image file " + shown(file) + " is not accessible: " + describe(e));
        }
        if (!real.startsWith(realRoot)) {
            throw new ImageResolutionException(
                    "image file " + shown(file) + " refused: it resolves to a path outside the storage root");
        }
        if (!Files.isRegularFile(real)) {
            throw new ImageResolutionException("image file " + shown(file) + " is not a regular file");
        }
        if (!Files.isReadable(real)) {
            throw new ImageResolutionException("image file " + shown(file) + " is not readable by the sender");
        }
        try {
            return new ImageFile(name, real, Files.size(real));
        } catch (IOException e) {
            throw new ImageResolutionException("image file " + shown(file) + " is not accessible: " + describe(e));
        }
    }

    /** A path under the storage root as the client named it, relative to the root. */
    private String shown(Path path) {
        Path relative = storageRoot.relativize(path);
        return relative.toString().isEmpty() ? "." : relative.toString();
    }

    /**
     * The kind of I/O failure without its message: file-system exceptions put the absolute server
     * path there, and the reason travels to viewers in session reasons and logs.
     */
    private static String describe(IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : null;
        return e.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")");
    }
}
