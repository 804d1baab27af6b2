package io.imagecast.sender.domain;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Rewrites absolute paths under the storage root, as I/O errors word them, relative to the root.
 * Failure reasons travel to viewers (session reasons, logs), who have no business knowing the
 * server's directory layout.
 */
public final class StorageRootPaths {
    static final String ROOT = "<storage root>";

    private final Path root;

    public StorageRootPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public String relativize(String text) {
        if (text == null) {
            return null;
        }
        String out = strip(text, root.toString());
        try {
            // The real path too: the engine opens files by their resolved paths.
            out = strip(out, root.toRealPath().toString());
        } catch (IOException e) {
            // No real root, so no path under it can appear in the text either.
        }
        return out;
    }

    private static String strip(String text, String prefix) {
        if (prefix.equals("/") || !text.contains(prefix)) {
            return text;
        }
        return text.replace(prefix + "/", "").replace(prefix, ROOT);
    }
}
