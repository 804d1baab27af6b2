package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Query;
import io.imagecast.cli.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        description = "List storage nodes in name order with their status.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes list --group site-a")
final class ListNodes extends RegistryApi {
    @Option(names = "--group", description = "Only nodes of this group")
    String group;

    @Option(names = "--limit", description = "Page size")
    Integer limit;

    @Option(names = "--cursor", description = "The next page, as printed after a full page")
    String cursor;

    @Override
    protected int run() {
        JsonNode page = get(
                nodes() + new Query().add("group", group).add("limit", limit).add("cursor", cursor));
        if (out().json()) {
            out().json(page);
            return ExitCodes.OK;
        }
        Table table = new Table(
                        "NAME",
                        "GROUP",
                        "ADDRESS",
                        "ENABLED",
                        "MASTER",
                        "INTERFACE",
                        "STATUS",
                        "SESSIONS",
                        "LAST HEARTBEAT")
                .paint(6);
        for (JsonNode n : page.path("items")) {
            table.row(
                    text(n, "name"),
                    text(n, "group"),
                    text(n, "address"),
                    n.path("enabled").asBoolean() ? "yes" : "no",
                    n.path("master").asBoolean() ? "yes" : "",
                    text(n, "multicastInterface"),
                    text(n, "status"),
                    (n.hasNonNull("activeSessions") ? text(n, "activeSessions") : "0") + "/" + text(n, "maxSessions"),
                    text(n, "lastHeartbeat"));
        }
        if (table.isEmpty()) {
            out().line("No storage nodes" + (group == null ? "" : " in group " + group) + ".");
        } else {
            out().table(table);
        }
        if (page.hasNonNull("nextCursor")) {
            out().line("More: imagecast nodes list --cursor "
                    + page.get("nextCursor").asText());
        }
        return ExitCodes.OK;
    }
}
