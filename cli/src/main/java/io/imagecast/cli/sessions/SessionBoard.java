package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines `sessions watch` draws for one view of a session: a bar per host and one for the total. */
final class SessionBoard {
    private static final int BAR = 30;

    private SessionBoard() {}

    static List<String> lines(JsonNode view) {
        JsonNode progress = view.path("progress");
        long total = progress.path("totalBytes").asLong(0);
        List<String> lines = new ArrayList<>();
        lines.add(view.path("name").asText() + "  " + view.path("state").asText()
                + (view.hasNonNull("reason") ? " (" + view.get("reason").asText() + ")" : ""));
        int width = 4;
        for (JsonNode r : view.path("receivers")) {
            width = Math.max(width, SessionFormat.host(r).length());
        }
        for (JsonNode r : view.path("receivers")) {
            long acknowledged = r.path("acknowledgedBytes").asLong();
            double percent =
                    "COMPLETED".equals(r.path("state").asText()) ? 100.0 : SessionFormat.percent(acknowledged, total);
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-" + width + "s %s %5.1f%%  %s",
                    SessionFormat.host(r),
                    SessionFormat.bar(percent, BAR),
                    percent,
                    r.path("state").asText()));
        }
        double overall = progress.hasNonNull("percent")
                ? progress.get("percent").asDouble()
                : SessionFormat.percent(progress.path("bytesSent").asLong(), total);
        lines.add(String.format(
                Locale.ROOT,
                "  %-" + width + "s %s %5.1f%%  %s, %d joined, %d completed, %d dropped",
                "total",
                SessionFormat.bar(overall, BAR),
                overall,
                SessionFormat.rate(progress.path("bitsPerSecond").asLong()),
                progress.path("receiversJoined").asInt(),
                progress.path("receiversCompleted").asInt(),
                progress.path("receiversDropped").asInt()));
        return lines;
    }

    /** One line for logs and pipes: state and overall progress. */
    static String summary(JsonNode view) {
        JsonNode progress = view.path("progress");
        return String.format(
                Locale.ROOT,
                "%s %s %s, %d joined, %d completed, %d dropped",
                view.path("state").asText(),
                SessionFormat.progress(progress.path("bytesSent").asLong(), progress.path("totalBytes")),
                SessionFormat.rate(progress.path("bitsPerSecond").asLong()),
                progress.path("receiversJoined").asInt(),
                progress.path("receiversCompleted").asInt(),
                progress.path("receiversDropped").asInt());
    }
}
