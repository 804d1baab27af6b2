package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "cancel",
        description = "Cancel a session; its node stops sending.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions cancel 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55")
final class CancelSession extends SessionsApi {
    @Parameters(paramLabel = "ID", description = "Session id")
    String id;

    @Override
    protected int run() {
        JsonNode view = send("POST", session(id) + "/cancel", null, Map.of()).body();
        if (out().json()) {
            out().json(view);
        } else {
            out().line("Session " + text(view, "id") + " (" + text(view, "name") + "): "
                    + out().paint(text(view, "state")));
        }
        return ExitCodes.OK;
    }
}
