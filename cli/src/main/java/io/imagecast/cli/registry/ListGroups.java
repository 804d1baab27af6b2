package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Query;
import io.imagecast.cli.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        description = "List storage groups in name order.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast groups list --output json")
final class ListGroups extends RegistryApi {
    @Option(names = "--limit", description = "Page size")
    Integer limit;

    @Option(names = "--cursor", description = "The next page, as printed after a full page")
    String cursor;

    @Override
    protected int run() {
        JsonNode page = get(groups() + new Query().add("limit", limit).add("cursor", cursor));
        if (out().json()) {
            out().json(page);
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "IMAGE ROOT", "PORTS", "MULTICAST POOL", "MAX SESSIONS", "MASTER");
        for (JsonNode g : page.path("items")) {
            table.row(
                    text(g, "name"),
                    text(g, "imageRoot"),
                    GroupFormat.ports(g),
                    GroupFormat.pool(g),
                    text(g, "maxSessions"),
                    text(g, "master"));
        }
        if (table.isEmpty()) {
            out().line("No storage groups.");
        } else {
            out().table(table);
        }
        if (page.hasNonNull("nextCursor")) {
            out().line("More: imagecast groups list --cursor "
                    + page.get("nextCursor").asText());
        }
        return ExitCodes.OK;
    }
}
