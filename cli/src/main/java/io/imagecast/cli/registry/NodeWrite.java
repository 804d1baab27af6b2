package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.cli.api.ExitCodes;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Parameters;

/** A change to one field of a node's settings, written with If-Match from a fresh read. */
abstract class NodeWrite extends RegistryApi {
    @Parameters(index = "0", paramLabel = "NODE", description = "Node name")
    String name;

    protected int change(UnaryOperator<ObjectNode> change, String done) {
        JsonNode node = versioned().update(node(name), "storage node " + name, VersionedWrite::nodeRequest, change);
        print(node, done);
        return ExitCodes.OK;
    }

    protected void print(JsonNode node, String done) {
        if (out().json()) {
            out().json(node);
        } else {
            out().line(done);
        }
    }
}
