package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiClient;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "retry",
        description = "Send the image again to exactly the hosts a finished session missed (dropped, never"
                + " came, cancelled): a follow-up session with the same image, group and settings. Asking"
                + " again shows the same follow-up.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions retry 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55")
final class RetrySession extends SessionsApi {
    @Parameters(paramLabel = "ID", description = "Id of the finished session")
    String id;

    @Override
    protected int run() {
        ApiClient.Reply reply = send("POST", session(id) + "/retry", null, Map.of());
        JsonNode view = reply.body();
        if (out().json()) {
            out().json(view);
        } else {
            int hosts = view.path("receivers").size();
            out().line((reply.status() == 201 ? "Created" : "Already retried as") + " session " + text(view, "id")
                    + " (" + text(view, "name") + "), " + out().paint(text(view, "state")) + ", for "
                    + view.path("expectedReceivers").asInt() + " receiver(s)"
                    + (hosts > 0 ? ": " + hostList(view) : ""));
        }
        return ExitCodes.OK;
    }

    private static String hostList(JsonNode view) {
        StringBuilder hosts = new StringBuilder();
        for (JsonNode r : view.path("receivers")) {
            if (hosts.length() > 0) {
                hosts.append(", ");
            }
            hosts.append(
                    r.hasNonNull("name")
                            ? r.get("name").asText()
                            : r.path("ip").asText(r.path("mac").asText()));
        }
        return hosts.toString();
    }
}
