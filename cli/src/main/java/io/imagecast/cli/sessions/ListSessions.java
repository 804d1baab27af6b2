package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Query;
import io.imagecast.cli.api.Table;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        description = "List sessions, newest first, one page at a time.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions list --state TRANSFERRING,WAITING_FOR_RECEIVERS --group site-a")
final class ListSessions extends SessionsApi {
    @Option(
            names = "--state",
            split = ",",
            paramLabel = "STATE",
            description = "Only these states (repeat or comma-separate): ${COMPLETION-CANDIDATES}")
    List<State> states;

    @Option(names = "--group", description = "Only this storage group")
    String group;

    @Option(names = "--node", description = "Only sessions placed on this node")
    String node;

    @Option(names = "--name", description = "Only sessions with this name")
    String name;

    @Option(names = "--created-after", paramLabel = "INSTANT", description = "e.g. 2026-12-01T00:00:00Z")
    Instant createdAfter;

    @Option(names = "--created-before", paramLabel = "INSTANT")
    Instant createdBefore;

    @Option(names = "--limit", description = "Page size, 1-200 (default 50)")
    Integer limit;

    @Option(names = "--cursor", description = "The next page, as printed after a full page")
    String cursor;

    enum State {
        QUEUED,
        DISPATCHED,
        WAITING_FOR_RECEIVERS,
        TRANSFERRING,
        COMPLETED,
        PARTIAL,
        FAILED,
        CANCELLED
    }

    @Override
    protected int run() {
        if (limit != null && (limit < 1 || limit > 200)) {
            throw usage("--limit: must be from 1 to 200");
        }
        Query query = new Query()
                .addAll("state", states)
                .add("group", group)
                .add("node", node)
                .add("name", name)
                .add("createdAfter", createdAfter)
                .add("createdBefore", createdBefore)
                .add("limit", limit)
                .add("cursor", cursor);
        JsonNode page = get(sessions() + query);
        if (out().json()) {
            out().json(page);
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "NAME", "STATE", "GROUP", "NODE", "PROGRESS", "RECEIVERS", "CREATED").paint(2);
        for (JsonNode s : page.path("items")) {
            table.row(
                    text(s, "id"),
                    text(s, "name"),
                    text(s, "state"),
                    text(s, "storageGroup"),
                    text(s, "node"),
                    SessionFormat.progress(s.path("bytesSent").asLong(), s.path("totalBytes")),
                    s.path("expectedReceivers").asInt(),
                    text(s, "createdAt"));
        }
        if (table.isEmpty()) {
            out().line("No sessions match.");
        } else {
            out().table(table);
        }
        if (page.hasNonNull("nextCursor")) {
            out().line("More: imagecast sessions list --cursor "
                    + page.get("nextCursor").asText());
        }
        return ExitCodes.OK;
    }
}
