package io.imagecast.cli.sessions;

import io.imagecast.cli.api.ApiClient;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "drop-host",
        description = "Drop one host from a session, so that the others do not wait for it.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions drop-host 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55 10.0.0.23")
final class DropHost extends SessionsApi {
    @Parameters(index = "0", paramLabel = "ID", description = "Session id")
    String id;

    @Parameters(index = "1", paramLabel = "HOST", description = "The host's name, IP or MAC")
    String host;

    @Override
    protected int run() {
        ApiClient.Reply reply = send("DELETE", session(id) + "/hosts/" + segment(host), null, Map.of());
        if (out().json()) {
            out().json(reply.body());
        } else if (reply.status() == 202) {
            out().line("Dropping " + host + ": the sending node was told and drops it from the transfer.");
        } else {
            out().line("Dropped " + host + " from session " + id + ".");
        }
        return ExitCodes.OK;
    }
}
