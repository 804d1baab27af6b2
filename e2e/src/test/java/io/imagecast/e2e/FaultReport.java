package io.imagecast.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fault suite's table: what each case injected, what it observed, and how long recovery took. */
final class FaultReport {
    record Row(String fault, String injected, String observed, Duration recovery, boolean passed) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("[fault suite] " + row.fault() + " | injected: " + row.injected() + " | observed: "
                + row.observed() + " | recovered in " + seconds(row.recovery()) + (row.passed() ? "" : " | FAILED"));
    }

    /** Writes the table as Markdown (with the date of the run) and returns it. */
    synchronized String write(Path file) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault suite, ").append(Instant.now()).append("\n\n");
        md.append("| fault | injected | observed | recovery | result |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ")
                    .append(row.fault())
                    .append(" | ")
                    .append(row.injected())
                    .append(" | ")
                    .append(row.observed())
                    .append(" | ")
                    .append(seconds(row.recovery()))
                    .append(" | ")
                    .append(row.passed() ? "pass" : "FAIL")
                    .append(" |\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return md.toString();
    }

    static String seconds(Duration d) {
        return d == null ? "–" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
