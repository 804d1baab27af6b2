package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "diagnose",
        description = {
            "Compare a node's configuration with what it reports; print each finding with its fix.",
            "Exits 0 when nothing blocks multicast from the node, 1 when something does."
        },
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes diagnose store-1")
final class DiagnoseNode extends RegistryApi {
    @Parameters(paramLabel = "NODE", description = "Node name")
    String name;

    @Override
    protected int run() {
        JsonNode diagnosis = get(node(name) + "/diagnosis");
        boolean ready = diagnosis.path("ready").asBoolean();
        if (out().json()) {
            out().json(diagnosis);
            return ready ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        out().line(text(diagnosis, "node") + ": " + out().paint(ready ? "READY" : "NOT READY") + " (status "
                + text(diagnosis, "status") + ")");
        JsonNode problems = diagnosis.path("problems");
        if (problems.size() == 0) {
            out().line("No problems found.");
        }
        for (JsonNode finding : problems) {
            out().line("");
            out().line(out().paint(text(finding, "severity")) + " " + text(finding, "code") + ": "
                    + text(finding, "message"));
            out().line("  fix: " + text(finding, "fix"));
            for (JsonNode candidate : finding.path("candidates")) {
                out().line("  candidate: " + candidate);
            }
        }
        JsonNode proposal = diagnosis.path("proposal");
        if (proposal.hasNonNull("interfaceName")) {
            out().line("");
            out().line("Proposed interface: " + text(proposal, "interfaceName") + " (" + text(proposal, "reason")
                    + "); apply it: imagecast nodes set-interface " + name + " --proposed");
        }
        return ready ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
