package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Printer;
import io.imagecast.cli.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description = "Show one session: settings, progress, files and receivers.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions show 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55")
final class ShowSession extends SessionsApi {
    @Parameters(paramLabel = "ID", description = "Session id")
    String id;

    @Override
    protected int run() {
        JsonNode view = get(session(id));
        if (out().json()) {
            out().json(view);
        } else {
            print(out(), view);
        }
        return ExitCodes.OK;
    }

    static void print(Printer out, JsonNode view) {
        out.line(out.bold(text(view, "name")) + "  " + text(view, "id"));
        Table facts = new Table("FIELD", "VALUE").paint(1);
        facts.row("state", text(view, "state"));
        if (view.hasNonNull("reason")) {
            facts.row("reason", text(view, "reason"));
        }
        facts.row("group", text(view, "storageGroup"));
        facts.row("node", text(view, "node"));
        facts.row("image", view.path("image").path("dir").asText());
        facts.row(
                "data", text(view, "dataAddress") + (view.hasNonNull("portBase") ? ":" + text(view, "portBase") : ""));
        facts.row("expected receivers", view.path("expectedReceivers").asInt());
        JsonNode progress = view.path("progress");
        facts.row("progress", SessionFormat.progress(progress.path("bytesSent").asLong(), progress.path("totalBytes")));
        facts.row("rate", SessionFormat.rate(progress.path("bitsPerSecond").asLong()));
        facts.row("created", text(view, "createdAt") + " by " + text(view, "createdBy"));
        if (view.hasNonNull("finishedAt")) {
            facts.row("finished", text(view, "finishedAt"));
        }
        out.table(facts);
        if (view.path("files").size() > 0) {
            out.line("");
            Table files = new Table("#", "FILE", "SIZE", "STATE").paint(3);
            for (JsonNode file : view.path("files")) {
                files.row(
                        file.path("index").asInt(),
                        text(file, "name"),
                        file.hasNonNull("bytes")
                                ? SessionFormat.bytes(file.get("bytes").asLong())
                                : null,
                        text(file, "state"));
            }
            out.table(files);
        }
        out.line("");
        if (view.path("receivers").size() == 0) {
            out.line("No receivers yet.");
            return;
        }
        Table receivers = new Table("HOST", "IP", "MAC", "STATE", "RECEIVED", "REASON").paint(3);
        for (JsonNode r : view.path("receivers")) {
            receivers.row(
                    SessionFormat.host(r),
                    text(r, "ip"),
                    text(r, "mac"),
                    text(r, "state"),
                    SessionFormat.bytes(r.path("acknowledgedBytes").asLong()),
                    text(r, "reason"));
        }
        out.table(receivers);
    }
}
