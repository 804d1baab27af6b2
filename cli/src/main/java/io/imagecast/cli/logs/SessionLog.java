package io.imagecast.cli.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.cli.api.ApiCommand;
import io.imagecast.cli.api.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "session-log",
        description = {
            "Print every log line of a session, oldest first, in the style of FOG's multicast.log.",
            "With --output json: {\"sessionId\": ..., \"lines\": [...]}, one string per line."
        },
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast logs session-log 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55 > multicast.log")
final class SessionLog extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "Session id")
    String id;

    @Override
    protected int run() {
        String log = client().text(endpoints().logsUrl() + "/api/v1/sessions/" + segment(id) + "/log");
        if (out().json()) {
            ObjectNode document = MAPPER.createObjectNode().put("sessionId", id);
            ArrayNode lines = document.putArray("lines");
            log.lines().forEach(lines::add);
            out().json(document);
        } else {
            out().print(log);
        }
        return ExitCodes.OK;
    }
}
