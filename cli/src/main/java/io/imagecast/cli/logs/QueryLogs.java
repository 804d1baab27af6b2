package io.imagecast.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiCommand;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Query;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "query",
        description = "Search stored log lines, newest first, one page at a time.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast logs query --service sender-service --node store-1 --level error --limit 20")
final class QueryLogs extends ApiCommand {
    @Mixin
    LogFilters filters;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Oldest time, e.g. 2026-12-03T08:00:00Z")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Newest time (default now)")
    Instant to;

    @Option(names = "--limit", description = "Lines per page")
    Integer limit;

    @Option(names = "--cursor", description = "The next page, as printed after a full page")
    String cursor;

    @Override
    protected int run() {
        Query query = filters.query()
                .add("from", from)
                .add("to", to)
                .add("limit", limit)
                .add("cursor", cursor);
        JsonNode page = get(endpoints().logsUrl() + "/api/v1/logs" + query);
        if (out().json()) {
            out().json(page);
            return ExitCodes.OK;
        }
        if (page.path("lines").size() == 0) {
            out().line("No log lines match.");
        }
        for (JsonNode line : page.path("lines")) {
            out().line(LogLines.format(out(), line));
        }
        if (page.hasNonNull("nextCursor")) {
            out().line("More: add --cursor " + page.get("nextCursor").asText());
        }
        return ExitCodes.OK;
    }
}
