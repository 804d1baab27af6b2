package io.imagecast.sender.domain;

import java.util.List;

/** The files of a session in sending order, all checked to exist, be readable and lie under the root. */
public record ResolvedImage(List<ImageFile> files) {
    public ResolvedImage {
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(ImageFile::size).sum();
    }
}
