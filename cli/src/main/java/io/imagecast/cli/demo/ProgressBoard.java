package io.imagecast.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Live progress, per host and in total. On a terminal the block is redrawn in place about once a
 * second; otherwise (CI logs, pipes) a plain line is printed whenever the picture has changed.
 */
final class ProgressBoard {
    private static final int BAR = 24;

    record HostLine(String name, String address, long receivedBytes, String state) {}

    record Snapshot(
            String sessionState,
            Integer fileIndex,
            Integer fileCount,
            long bitsPerSecond,
            long retransmittedBlocks,
            long totalBytes,
            long elapsedMillis,
            List<HostLine> hosts,
            Duration senderSilence) {}

    private final PrintStream out;
    private final boolean terminal;
    private int drawnLines;
    private String lastPlain = "";

    ProgressBoard(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void draw(Snapshot snapshot) {
        if (terminal) {
            List<String> lines = block(snapshot);
            StringBuilder text = new StringBuilder();
            if (drawnLines > 0) {
                text.append("\033[").append(drawnLines).append('F'); // back to the block's first line
            }
            for (String line : lines) {
                text.append("\033[2K").append(line).append('\n');
            }
            out.print(text);
            out.flush();
            drawnLines = lines.size();
        } else {
            String line = plainLine(snapshot);
            // the elapsed time alone is no news
            String comparable = line.substring(line.indexOf(' ') + 1);
            if (!comparable.equals(lastPlain)) {
                out.println(line);
                out.flush();
                lastPlain = comparable;
            }
        }
    }

    static List<String> block(Snapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "session %-22s %s  %6.1f Mbit/s  retransmitted blocks %d  %s",
                s.sessionState(),
                fileText(s),
                s.bitsPerSecond() / 1e6,
                s.retransmittedBlocks(),
                seconds(s.elapsedMillis())));
        long sum = 0;
        for (HostLine host : s.hosts()) {
            sum += Math.min(host.receivedBytes(), s.totalBytes());
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-5s %-12s %s %5.1f%%  %9s / %-9s  %s",
                    host.name(),
                    host.address(),
                    bar(host.receivedBytes(), s.totalBytes()),
                    percent(host.receivedBytes(), s.totalBytes()),
                    ByteSize.format(host.receivedBytes()),
                    ByteSize.format(s.totalBytes()),
                    host.state()));
        }
        long all = s.totalBytes() * Math.max(1, s.hosts().size());
        lines.add(String.format(
                        Locale.ROOT,
                        "  %-18s %s %5.1f%%  %9s / %-9s",
                        "total",
                        bar(sum, all),
                        percent(sum, all),
                        ByteSize.format(sum),
                        ByteSize.format(all))
                + silenceText(s, "  "));
        return lines;
    }

    static String plainLine(Snapshot s) {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "[%s] %s %s %.0f Mbit/s |",
                seconds(s.elapsedMillis()),
                s.sessionState(),
                fileText(s),
                s.bitsPerSecond() / 1e6));
        for (HostLine host : s.hosts()) {
            line.append(String.format(
                    Locale.ROOT,
                    " %s %.0f%% %s;",
                    host.name(),
                    percent(host.receivedBytes(), s.totalBytes()),
                    host.state()));
        }
        line.setLength(line.length() - 1);
        return line + silenceText(s, " | ");
    }

    /** Names a silent sender as soon as session-service shows it, long before the session fails for it. */
    private static String silenceText(Snapshot s, String separator) {
        return s.senderSilence() == null
                ? ""
                : separator + "sender silent for " + s.senderSilence().toSeconds() + " s";
    }

    private static String fileText(Snapshot s) {
        if (s.fileIndex() == null || s.fileCount() == null) {
            return "file -/-";
        }
        return "file " + Math.min(s.fileIndex() + 1, s.fileCount()) + "/" + s.fileCount();
    }

    static double percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.min(100.0, 100.0 * part / whole);
    }

    private static String bar(long part, long whole) {
        int filled = (int) Math.round(percent(part, whole) / 100 * BAR);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.0fs", millis / 1000.0);
    }
}
