package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagecast.cli.api.ApiClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration and its undoing against a fake node-registry that keeps nodes, groups and masters. */
class StorageRegistrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** path -> resource, as GET answers it; masters under /groups/<g>/master. */
    private final Map<String, ObjectNode> resources = new ConcurrentHashMap<>();

    private final List<String> said = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String registryUrl;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1", this::handle);
        server.start();
        registryUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/api/v1".length());
        String method = exchange.getRequestMethod();
        byte[] in = exchange.getRequestBody().readAllBytes();
        ObjectNode body = in.length == 0 ? null : (ObjectNode) JSON.readTree(in);
        int status = 200;
        JsonNode answer = null;
        switch (method) {
            case "GET" -> {
                answer = resources.get(path);
                status = answer == null ? 404 : 200;
            }
            case "POST" -> {
                // POST /groups or /nodes with a name
                resources.put(path + "/" + body.get("name").asText(), body);
                answer = body;
                status = 201;
            }
            case "PUT" -> {
                if (!path.endsWith("/master")) {
                    body.put("name", path.substring(path.lastIndexOf('/') + 1));
                }
                resources.put(path, body);
                answer = body;
            }
            case "DELETE" -> answer = resources.remove(path);
            default -> status = 405;
        }
        byte[] out = answer == null ? new byte[0] : JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("ETag", "\"1\"");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private StorageRegistration registerAndRestore() {
        StorageRegistration registration =
                new StorageRegistration(new ApiClient("token"), registryUrl, "storage-1", said::add);
        registration.register(Path.of("/images"), "10.204.0.254", "icdab12st");
        assertThat(resources.get("/nodes/storage-1").path("multicastInterface").asText())
                .isEqualTo("icdab12st");
        assertThat(resources.get("/groups/demo/master").path("node").asText()).isEqualTo("storage-1");
        registration.restore();
        return registration;
    }

    @Test
    void aNodeKnownOnlyFromItsHeartbeatsIsLeftWithoutGroupOrInterface() {
        // what sender-service's heartbeats make of a node nobody registered
        resources.put(
                "/nodes/storage-1",
                JSON.createObjectNode()
                        .put("name", "storage-1")
                        .putNull("group")
                        .put("address", "127.0.0.1")
                        .put("enabled", true)
                        .putNull("multicastInterface")
                        .put("maxSessions", 4)
                        .put("lastHeartbeat", "2026-01-01T00:00:00Z"));

        registerAndRestore();

        JsonNode node = resources.get("/nodes/storage-1");
        assertThat(node.get("group").isNull()).isTrue();
        assertThat(node.get("multicastInterface").isNull())
                .as("no pointer to the lab's deleted veth")
                .isTrue();
        assertThat(node.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(resources).doesNotContainKeys("/groups/demo", "/groups/demo/master");
        assertThat(said).anyMatch(line -> line.startsWith("registry restored: node storage-1"));
    }

    @Test
    void aNodeOfAnotherGroupGoesBackWithItsInterfaceAndMasterRole() {
        resources.put(
                "/nodes/storage-1",
                JSON.createObjectNode()
                        .put("name", "storage-1")
                        .put("group", "site-a")
                        .put("address", "192.168.1.5")
                        .put("enabled", true)
                        .put("multicastInterface", "eth1")
                        .put("maxBitrateBps", 900_000_000L)
                        .put("maxSessions", 8)
                        .put("lastHeartbeat", "2026-01-01T00:00:00Z"));
        resources.put("/groups/site-a/master", JSON.createObjectNode().put("node", "storage-1"));

        registerAndRestore();

        JsonNode node = resources.get("/nodes/storage-1");
        assertThat(node.path("group").asText()).isEqualTo("site-a");
        assertThat(node.path("multicastInterface").asText()).isEqualTo("eth1");
        assertThat(node.path("address").asText()).isEqualTo("192.168.1.5");
        assertThat(node.path("maxBitrateBps").asLong()).isEqualTo(900_000_000L);
        assertThat(node.path("maxSessions").asInt()).isEqualTo(8);
        assertThat(resources.get("/groups/site-a/master").path("node").asText()).isEqualTo("storage-1");
        assertThat(resources).doesNotContainKeys("/groups/demo", "/groups/demo/master");
        assertThat(said)
                .anyMatch(
                        line -> line.equals(
                                "registry restored: node storage-1 back in group site-a on interface eth1, group demo deleted"));
    }
}
