package io.imagecast.cli.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "watch",
        description = {
            "Follow a session live (Server-Sent Events) until it ends, drawing per-host and total progress.",
            "Exits 0 only when the session COMPLETED; 1 for PARTIAL, FAILED or CANCELLED."
        },
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions watch 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55 && echo all hosts imaged")
final class WatchSession extends SessionsApi {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED");
    private static final int RECONNECTS = 5;

    @Parameters(paramLabel = "ID", description = "Session id")
    String id;

    @Option(
            names = "--redraw",
            negatable = true,
            description = "Redraw the bars in place (default: only when writing to a terminal)")
    Boolean redraw;

    private JsonNode last;
    private int drawnLines;
    private String lastSummary;

    @Override
    protected int run() {
        boolean inPlace = redraw != null ? redraw : System.console() != null;
        int failures = 0;
        while (!terminal(last)) {
            try {
                client().follow(session(id) + "/events", event -> {
                    if (!"session".equals(event.name())) {
                        return true;
                    }
                    show(read(event.data()), inPlace);
                    return !terminal(last);
                });
                failures = 0;
            } catch (ApiException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE || ++failures > RECONNECTS) {
                    throw e;
                }
                pause();
            }
            if (!terminal(last)) {
                // the server ended the stream early (e.g. shutting down): look once, then follow again
                show(get(session(id)), inPlace);
            }
        }
        if (!out().json()) {
            if (!inPlace) {
                SessionBoard.lines(last).forEach(out()::line);
            }
            out().line("Outcome: " + out().paint(last.path("state").asText()));
        }
        return "COMPLETED".equals(last.path("state").asText()) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private void show(JsonNode view, boolean inPlace) {
        last = view;
        if (out().json()) {
            out().jsonLine(view);
        } else if (inPlace) {
            List<String> lines = SessionBoard.lines(view);
            StringBuilder frame = new StringBuilder();
            if (drawnLines > 0) {
                frame.append("\u001b[").append(drawnLines).append("F\u001b[J");
            }
            lines.forEach(line -> frame.append(line).append(System.lineSeparator()));
            out().print(frame.toString());
            drawnLines = lines.size();
        } else {
            // not a terminal: a line per change, not a redraw
            String summary = SessionBoard.summary(view);
            if (!summary.equals(lastSummary)) {
                out().line(summary);
                lastSummary = summary;
            }
        }
    }

    private static boolean terminal(JsonNode view) {
        return view != null && TERMINAL.contains(view.path("state").asText());
    }

    private static JsonNode read(String data) {
        try {
            return MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ApiException(
                    ExitCodes.FAILURE, "session-service sent an unreadable event: " + e.getOriginalMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ExitCodes.FAILURE, "interrupted");
        }
    }
}
