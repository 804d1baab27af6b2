package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.cli.api.ApiClient;
import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Changes a node or group the way the registry wants it: read it fresh, change the copy, and write it
 * back with {@code If-Match} set to the ETag of that read, so that a write made in between is not lost.
 */
public final class VersionedWrite {
    private final ApiClient client;

    public VersionedWrite(ApiClient client) {
        this.client = client;
    }

    /**
     * PUTs {@code change} applied to the request built from the current resource.
     *
     * @param toRequest the fields of the resource the API accepts back on PUT
     * @param what how the resource is named in messages, e.g. "storage node store-1"
     */
    public JsonNode update(
            String url, String what, UnaryOperator<ObjectNode> toRequest, UnaryOperator<ObjectNode> change) {
        ApiClient.Reply current = client.call("GET", url, null, Map.of());
        if (!current.ok()) {
            throw ApiException.of("GET " + url, current);
        }
        ObjectNode request = change.apply(toRequest.apply((ObjectNode) current.body()));
        ApiClient.Reply written = client.call("PUT", url, request, Map.of("If-Match", current.etag()));
        if (written.status() == 412) {
            throw new ApiException(
                    ExitCodes.FAILURE,
                    what + " was changed by someone else between this command's read and its write (HTTP 412);"
                            + " nothing was written: run the command again to apply it to the new version");
        }
        if (!written.ok()) {
            throw ApiException.of("PUT " + url, written);
        }
        return written.body();
    }

    /** The fields of a node response that a PUT takes back. */
    public static ObjectNode nodeRequest(ObjectNode node) {
        return copy(node, "name", "group", "address", "enabled", "multicastInterface", "maxBitrateBps", "maxSessions");
    }

    /** The fields of a group response that a PUT takes back. */
    public static ObjectNode groupRequest(ObjectNode group) {
        return copy(
                group,
                "name",
                "imageRoot",
                "portWindowStart",
                "portWindowEnd",
                "multicastPool",
                "maxSessions",
                "autoApplyInterface");
    }

    private static ObjectNode copy(ObjectNode from, String... fields) {
        ObjectNode to = from.objectNode();
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
        return to;
    }
}
