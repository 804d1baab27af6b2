package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiClient;
import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "set-interface",
        description = "Set the interface a node sends multicast from: a name, or the registry's proposal.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  imagecast nodes set-interface store-1 enp3s0", "  imagecast nodes set-interface store-1 --proposed"
        })
final class SetInterface extends NodeWrite {
    @Parameters(index = "1", arity = "0..1", paramLabel = "INTERFACE", description = "Interface name, e.g. enp3s0")
    String interfaceName;

    @Option(names = "--proposed", description = "Apply the interface the registry proposes (see `nodes interfaces`)")
    boolean proposed;

    @Override
    protected int run() {
        if (proposed == (interfaceName != null)) {
            throw usage("give either INTERFACE or --proposed");
        }
        if (interfaceName != null) {
            return change(
                    node -> node.put("multicastInterface", interfaceName),
                    "Node " + name + " sends multicast from " + interfaceName + ".");
        }
        ApiClient.Reply current = client().call("GET", node(name), null, Map.of());
        if (!current.ok()) {
            throw ApiException.of("GET " + node(name), current);
        }
        String url = node(name) + "/interfaces/proposal/apply";
        ApiClient.Reply applied = client().call("POST", url, null, Map.of("If-Match", current.etag()));
        if (applied.status() == 412) {
            throw new ApiException(
                    ExitCodes.FAILURE,
                    "storage node " + name + " was changed by someone else between this command's read and its"
                            + " write (HTTP 412); nothing was written: run the command again");
        }
        if (!applied.ok()) {
            throw ApiException.of("POST " + url, applied);
        }
        JsonNode node = applied.body();
        print(node, "Node " + name + " sends multicast from " + text(node, "multicastInterface") + " (proposed).");
        return ExitCodes.OK;
    }
}
