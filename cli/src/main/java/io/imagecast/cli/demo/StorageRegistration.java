package io.imagecast.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts the local sender-service into the registry as the master of the demo's storage group, with the
 * lab uplink as its multicast interface. The registry publishes that as a node event, which the running
 * sender-service applies live: nothing restarts.
 */
final class StorageRegistration {
    static final String GROUP = "demo";
    static final int PORT_WINDOW_START = 9200;
    static final int PORT_WINDOW_END = 9298;
    static final String MULTICAST_POOL = "239.204.0.0/24";
    private static final Duration HEARTBEAT_WAIT = Duration.ofSeconds(45);
    private static final Duration READY_WAIT = Duration.ofSeconds(45);

    private final ApiClient api;
    private final String registry;
    private final String nodeId;
    private final Consumer<String> say;
    /** The registry as the demo found it, taken by {@link #register} and put back by {@link #restore}. */
    private boolean snapshotTaken;

    private JsonNode nodeBefore;
    private boolean masterBefore;
    private boolean groupBefore;

    StorageRegistration(ApiClient api, String registryUrl, String nodeId, Consumer<String> say) {
        this.api = api;
        this.registry = registryUrl + "/api/v1";
        this.nodeId = nodeId;
        this.say = say;
    }

    /** Waits until the node's sender-service has heartbeated; returns the storage root it reports, if any. */
    String awaitHeartbeat() {
        long deadline = System.nanoTime() + HEARTBEAT_WAIT.toNanos();
        ApiClient.Reply last;
        do {
            last = api.call("GET", registry + "/nodes/" + nodeId, null, Map.of());
            if (last.ok() && last.body().hasNonNull("lastHeartbeat")) {
                JsonNode root = last.body().get("storageRoot");
                return root == null || root.isNull() ? null : root.asText();
            }
            if (last.status() != 404 && !last.ok()) {
                throw new DemoException("node-registry: " + last.problem());
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new DemoException("sender-service (node " + nodeId + ") sent no heartbeat to node-registry within "
                + HEARTBEAT_WAIT.toSeconds()
                + " s; see the sender-service log under the state dir (logs/sender-service.log)");
    }

    void register(Path imageRoot, String address, String interfaceName) {
        snapshot();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("imageRoot", imageRoot.toString());
        group.put("portWindowStart", PORT_WINDOW_START);
        group.put("portWindowEnd", PORT_WINDOW_END);
        group.put("multicastPool", List.of(MULTICAST_POOL));
        group.put("maxSessions", 4);
        group.put("autoApplyInterface", false);
        upsert("/groups/" + GROUP, "/groups", GROUP, group);

        Map<String, Object> node = new LinkedHashMap<>();
        node.put("group", GROUP);
        node.put("address", address);
        node.put("enabled", true);
        node.put("multicastInterface", interfaceName);
        node.put("maxSessions", 4);
        upsert("/nodes/" + nodeId, "/nodes", nodeId, node);

        ApiClient.Reply master =
                api.call("PUT", registry + "/groups/" + GROUP + "/master", Map.of("node", nodeId), Map.of());
        if (!master.ok()) {
            throw new DemoException(
                    "node-registry refused " + nodeId + " as master of group " + GROUP + ": " + master.problem());
        }
        say.accept("registered node " + nodeId + " (" + address + ", interface " + interfaceName
                + ") as master of storage group " + GROUP + " (image root " + imageRoot + ")");
    }

    /** Waits until the registry's diagnosis of the node has no blocking problem (it has seen the uplink). */
    void awaitReady() {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        JsonNode diagnosis;
        do {
            diagnosis = api.get(registry + "/nodes/" + nodeId + "/diagnosis");
            if (diagnosis.path("ready").asBoolean(false)) {
                return;
            }
            pause();
        } while (System.nanoTime() < deadline);
        List<String> problems = new ArrayList<>();
        for (JsonNode problem : diagnosis.path("problems")) {
            problems.add(problem.path("code").asText() + ": "
                    + problem.path("message").asText()
                    + (problem.hasNonNull("fix")
                            ? " (fix: " + problem.get("fix").asText() + ")"
                            : ""));
        }
        throw new DemoException("node " + nodeId + " is not ready for multicast after " + READY_WAIT.toSeconds()
                + " s: " + String.join("; ", problems));
    }

    private void snapshot() {
        ApiClient.Reply node = api.call("GET", registry + "/nodes/" + nodeId, null, Map.of());
        nodeBefore = node.ok() ? node.body() : null;
        String group = nodeBefore == null ? null : text(nodeBefore, "group");
        if (group != null) {
            ApiClient.Reply master = api.call("GET", registry + "/groups/" + group + "/master", null, Map.of());
            masterBefore = master.ok() && nodeId.equals(text(master.body(), "node"));
        }
        groupBefore =
                api.call("GET", registry + "/groups/" + GROUP, null, Map.of()).ok();
        snapshotTaken = true;
    }

    /**
     * Puts the registry back as the demo found it: the node's group, address and interface (the lab's
     * interface is gone once the lab is), its master role, and no demo group if there was none. Says what
     * it could not restore.
     */
    void restore() {
        if (!snapshotTaken) {
            return;
        }
        snapshotTaken = false;
        List<String> failed = new ArrayList<>();
        // a master cannot leave its group: the demo group gives the role up first
        ApiClient.Reply cleared = api.call("DELETE", registry + "/groups/" + GROUP + "/master", null, Map.of());
        if (!cleared.ok() && cleared.status() != 404) {
            failed.add("clearing the master of group " + GROUP + ": " + cleared.problem());
        }
        if (nodeBefore != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String field : new String[] {"group", "address", "multicastInterface"}) {
                settings.put(field, text(nodeBefore, field));
            }
            settings.put("enabled", nodeBefore.path("enabled").asBoolean(true));
            settings.put(
                    "maxBitrateBps",
                    nodeBefore.hasNonNull("maxBitrateBps")
                            ? nodeBefore.get("maxBitrateBps").asLong()
                            : null);
            settings.put("maxSessions", nodeBefore.path("maxSessions").asInt(4));
            String problem = replace("/nodes/" + nodeId, settings);
            if (problem != null) {
                failed.add(problem);
            } else if (masterBefore) {
                String group = text(nodeBefore, "group");
                ApiClient.Reply master =
                        api.call("PUT", registry + "/groups/" + group + "/master", Map.of("node", nodeId), Map.of());
                if (!master.ok()) {
                    failed.add("making " + nodeId + " master of " + group + " again: " + master.problem());
                }
            }
        }
        if (!groupBefore) {
            ApiClient.Reply group = api.call("GET", registry + "/groups/" + GROUP, null, Map.of());
            ApiClient.Reply deleted = group.ok()
                    ? api.call("DELETE", registry + "/groups/" + GROUP, null, Map.of("If-Match", group.etag()))
                    : group;
            if (!deleted.ok() && deleted.status() != 404) {
                failed.add("deleting group " + GROUP + ": " + deleted.problem());
            }
        }
        if (failed.isEmpty()) {
            say.accept("registry restored: node " + nodeId
                    + (nodeBefore == null
                            ? ""
                            : " back in group " + text(nodeBefore, "group") + " on interface "
                                    + text(nodeBefore, "multicastInterface"))
                    + (groupBefore ? "" : ", group " + GROUP + " deleted"));
        } else {
            say.accept("could not restore the registry as the demo found it (node " + nodeId
                    + " may still point at the lab's deleted interface): " + String.join("; ", failed));
        }
    }

    /** Replaces a resource's settings (If-Match with its current ETag); null, or what went wrong. */
    private String replace(String path, Map<String, Object> settings) {
        ApiClient.Reply current = api.call("GET", registry + path, null, Map.of());
        if (!current.ok()) {
            return "GET " + path + ": " + current.problem();
        }
        ApiClient.Reply reply = api.call("PUT", registry + path, settings, Map.of("If-Match", current.etag()));
        return reply.ok() ? null : "PUT " + path + ": " + reply.problem();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Creates the resource, or replaces its settings (If-Match with its current ETag) when it exists. */
    private void upsert(String path, String collection, String name, Map<String, Object> settings) {
        ApiClient.Reply current = api.call("GET", registry + path, null, Map.of());
        ApiClient.Reply reply;
        if (current.status() == 404) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.putAll(settings);
            reply = api.call("POST", registry + collection, body, Map.of());
        } else if (current.ok()) {
            reply = api.call("PUT", registry + path, settings, Map.of("If-Match", current.etag()));
        } else {
            throw new DemoException("node-registry: GET " + path + " answered " + current.problem());
        }
        if (!reply.ok()) {
            throw new DemoException("node-registry refused " + path + ": " + reply.problem());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }
}
