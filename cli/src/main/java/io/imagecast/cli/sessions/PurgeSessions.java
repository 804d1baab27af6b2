package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Query;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "purge",
        description = "Delete finished sessions (admin).",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions purge --finished-before 2026-11-01T00:00:00Z")
final class PurgeSessions extends SessionsApi {
    @Option(
            names = "--finished-before",
            required = true,
            paramLabel = "INSTANT",
            description = "Delete sessions that finished before this instant")
    Instant finishedBefore;

    @Override
    protected int run() {
        JsonNode result = send("DELETE", sessions() + new Query().add("finishedBefore", finishedBefore), null, Map.of())
                .body();
        if (out().json()) {
            out().json(result);
        } else {
            out().line("Purged " + result.path("purged").asLong() + " session(s) finished before "
                    + text(result, "finishedBefore") + ".");
        }
        return ExitCodes.OK;
    }
}
