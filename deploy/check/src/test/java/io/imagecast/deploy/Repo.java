package io.imagecast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Files of the checkout under test. */
final class Repo {
    static final Path ROOT = findRoot();

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** KEY=value lines of an env file such as deploy/images.env (comments and blank lines skipped). */
    static Map<String, String> envFile(String relative) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(relative).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 1) {
                throw new IllegalStateException(relative + ": not KEY=value: " + line);
            }
            values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        return values;
    }

    private static Path findRoot() {
        String configured = System.getProperty("imagecast.project.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("deploy/images.env"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout root (with k8s/ and deploy/images.env) above " + start);
    }
}
