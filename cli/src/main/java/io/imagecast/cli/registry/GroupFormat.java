package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.Printer;
import io.imagecast.cli.api.Table;
import java.util.ArrayList;
import java.util.List;

/** How a group reads for a person. */
final class GroupFormat {
    private GroupFormat() {}

    static String ports(JsonNode group) {
        return group.path("portWindowStart").asInt() + "-"
                + group.path("portWindowEnd").asInt();
    }

    static String pool(JsonNode group) {
        List<String> blocks = new ArrayList<>();
        group.path("multicastPool").forEach(block -> blocks.add(block.asText()));
        return String.join(",", blocks);
    }

    static void print(Printer out, JsonNode group) {
        Table facts = new Table("FIELD", "VALUE");
        facts.row("name", group.path("name").asText());
        facts.row("image root", group.path("imageRoot").asText());
        facts.row("ports", ports(group));
        facts.row("multicast pool", pool(group));
        facts.row("max sessions", group.path("maxSessions").asInt());
        facts.row("auto-apply interface", group.path("autoApplyInterface").asBoolean() ? "yes" : "no");
        facts.row("master", group.hasNonNull("master") ? group.get("master").asText() : null);
        facts.row("version", group.path("version").asLong());
        out.table(facts);
    }
}
