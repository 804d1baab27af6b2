package io.imagecast.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.netlab.LabHost;
import io.imagecast.netlab.NetLab;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole system as deployed, for end-to-end tests: real PostgreSQL and Kafka, the packaged
 * node-registry, session-service and sender-service, and client namespaces running stock udp-receiver
 * the way FOG's client does. The root namespace is the storage node.
 */
final class E2eSystem implements AutoCloseable {
    static final String NODE = "store-1";
    static final String GROUP = "lab";
    static final String IMAGE = "win10";
    static final List<String> PARTITIONS = List.of("d1p1.img", "d1p2.img", "d1p3.img");
    static final int PARTITION_BYTES = 4 * 1024 * 1024;
    static final List<String> TERMINAL = List.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED");

    final Path workDir;
    final Path storageRoot;
    EmbeddedPostgres postgres;
    EmbeddedKafka kafka;
    StorageLab lab;
    ServiceProcess registry;
    ServiceProcess sessions;
    ServiceProcess sender;
    /** Null unless started with log-service. */
    ServiceProcess logs;

    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<FogClient> clients = new ArrayList<>();

    private E2eSystem(Path workDir) throws IOException {
        this.workDir = workDir;
        this.storageRoot = Files.createDirectories(workDir.resolve("images"));
    }

    /** Why the lab cannot run here (no root, no namespaces, no stock udp-receiver), or null. */
    static String unavailableReason() {
        String unavailable = NetLab.unavailableReason();
        if (unavailable != null) {
            return unavailable;
        }
        return Files.isExecutable(Path.of("/usr/bin/udp-receiver"))
                ? null
                : "stock udp-receiver (Debian package udpcast) is not installed";
    }

    static E2eSystem start(String name, int clientCount) throws Exception {
        return start(name, clientCount, false);
    }

    /** With {@code withLogs}, log-service runs too and ingests every service's log lines. */
    static E2eSystem start(String name, int clientCount, boolean withLogs) throws Exception {
        Path projectRoot = Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
        // where the packaged services are taken from: the reactor by default, a snapshot copy if wanted
        Path servicesRoot = Path.of(System.getProperty("imagecast.e2e.services-root", projectRoot.toString()));
        E2eSystem system = new E2eSystem(
                Files.createDirectories(projectRoot.resolve("e2e/target/" + name + "-" + System.currentTimeMillis())));
        try {
            system.boot(servicesRoot, clientCount, withLogs);
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
        return system;
    }

    private void boot(Path servicesRoot, int clientCount, boolean withLogs) throws Exception {
        writeImage(storageRoot.resolve(IMAGE));
        Path publicKey = workDir.resolve("publicKey.pem");
        try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(key, publicKey);
        }
        postgres = EmbeddedPostgres.start();
        kafka = EmbeddedKafka.start();
        lab = StorageLab.create(clientCount);

        Map<String, String> common = new HashMap<>();
        common.put("IMAGECAST_KAFKA", kafka.bootstrapServers());
        common.put("IMAGECAST_JWT_PUBLIC_KEY", publicKey.toString());
        common.put("IMAGECAST_DB_USER", postgres.username());
        common.put("IMAGECAST_DB_PASSWORD", postgres.password());

        Map<String, String> registryEnv = new HashMap<>(common);
        registryEnv.put("IMAGECAST_DB_URL", postgres.createDatabase("imagecast_registry"));
        registry = launch(servicesRoot, "node-registry", registryEnv);
        Map<String, String> sessionEnv = new HashMap<>(common);
        sessionEnv.put("IMAGECAST_DB_URL", postgres.createDatabase("imagecast_sessions"));
        sessions = launch(servicesRoot, "session-service", sessionEnv);
        Map<String, String> senderEnv = new HashMap<>(common);
        senderEnv.put("IMAGECAST_NODE_ID", NODE);
        senderEnv.put("IMAGECAST_STORAGE_ROOT", storageRoot.toString());
        senderEnv.put(
                "IMAGECAST_SENDER_STATE_DIR", workDir.resolve("sender-state").toString());
        senderEnv.put("IMAGECAST_SENDER_INTERFACE", lab.storageInterface());
        sender = launch(servicesRoot, "sender-service", senderEnv);
        if (withLogs) {
            Map<String, String> logsEnv = new HashMap<>(common);
            logsEnv.put("IMAGECAST_DB_URL", postgres.createDatabase("imagecast_logs"));
            logs = launch(servicesRoot, "log-service", logsEnv);
        }
        for (ServiceProcess service : services) {
            // a loaded CI machine starts four JVMs slowly; a service that died is reported at once
            service.awaitReady(Duration.ofSeconds(180));
        }
        registerStorageNode();
    }

    @Override
    public void close() throws Exception {
        for (FogClient client : clients) {
            client.stop(lab);
        }
        for (ServiceProcess service : services) {
            service.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    private ServiceProcess launch(Path servicesRoot, String module, Map<String, String> env) throws IOException {
        ServiceProcess service = ServiceProcess.start(servicesRoot, module, env, workDir);
        services.add(service);
        return service;
    }

    private void registerStorageNode() {
        given().baseUri(registry.baseUrl())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        GROUP,
                        "imageRoot",
                        storageRoot.toString(),
                        "portWindowStart",
                        9000,
                        "portWindowEnd",
                        9098,
                        "multicastPool",
                        List.of("239.202.0.0/24"),
                        "maxSessions",
                        4))
                .when()
                .post("/api/v1/groups")
                .then()
                .statusCode(201);
        Map<String, Object> node = Map.of(
                "name",
                NODE,
                "group",
                GROUP,
                "address",
                lab.storageAddress(),
                "multicastInterface",
                lab.storageInterface(),
                "maxSessions",
                4);
        int created = given().baseUri(registry.baseUrl())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(node)
                .when()
                .post("/api/v1/nodes")
                .statusCode();
        if (created == 409) {
            // the registry already discovered the node from its heartbeats: configure it instead
            String etag = given().baseUri(registry.baseUrl())
                    .auth()
                    .oauth2(TestTokens.admin())
                    .when()
                    .get("/api/v1/nodes/" + NODE)
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("ETag");
            given().baseUri(registry.baseUrl())
                    .auth()
                    .oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON)
                    .header("If-Match", etag)
                    .body(node)
                    .when()
                    .put("/api/v1/nodes/" + NODE)
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200);
        } else {
            assertThat(created).as("POST /api/v1/nodes").isEqualTo(201);
        }
        // the master must have sent heartbeats, which the sender does every few seconds
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(registry.baseUrl())
                                .auth()
                                .oauth2(TestTokens.admin())
                                .contentType(ContentType.JSON)
                                .body(Map.of("node", NODE))
                                .when()
                                .put("/api/v1/groups/" + GROUP + "/master")
                                .statusCode()
                        == 200);
    }

    /** Creates a session for every lab client (by name and IP); null bitrate = unlimited. */
    String createSession(String name, List<String> files, Long maxBitrateBps) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "e2e-" + name);
        body.put("image", Map.of("dir", IMAGE, "files", files));
        body.put("storageGroup", GROUP);
        List<Map<String, String>> hosts = new ArrayList<>();
        for (int i = 0; i < lab.clients().size(); i++) {
            hosts.add(Map.of("name", "pc" + i, "ip", lab.clients().get(i).address()));
        }
        body.put("hosts", hosts);
        body.put("maxWaitSeconds", 60);
        body.put("startTimeoutSeconds", 120);
        if (maxBitrateBps != null) {
            body.put("maxBitrateBps", maxBitrateBps);
        }
        // session-service learns about the master from the registry's node events, shortly after
        Response[] created = new Response[1];
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        created[0] = given().baseUri(sessions.baseUrl())
                                .auth()
                                .oauth2(TestTokens.operator())
                                .contentType(ContentType.JSON)
                                .body(body)
                                .when()
                                .post("/api/v1/sessions");
                        return created[0].statusCode() == 201;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("session-service did not accept the session; last answer "
                    + created[0].statusCode() + ": " + created[0].asString());
        }
        return created[0].jsonPath().getString("id");
    }

    int portBaseOf(String session) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> sessionView(session).<Integer>get("portBase"), port -> port != null);
    }

    /** Starts a FOG client on every lab host once the sender waits for them. */
    List<FogClient> startClients(String session, List<String> files) throws IOException {
        int portBase = portBaseOf(session);
        // FOS starts its first receiver only after the sender is up (it sleeps 10 s): a receiver whose one
        // CONNECT_REQ to a unicast rendezvous address finds no sender never sees the multicast HELLOs
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> sessionView(session).getString("state"),
                        state -> !state.equals("QUEUED") && !state.equals("DISPATCHED"));
        List<FogClient> started = new ArrayList<>();
        for (LabHost host : lab.clients()) {
            Path output = workDir.resolve(session).resolve(host.address());
            FogClient client = FogClient.start(lab, host, portBase, files, output);
            clients.add(client);
            started.add(client);
        }
        return started;
    }

    JsonPath awaitTerminal(String session, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> sessionView(session), view -> TERMINAL.contains(view.getString("state")));
    }

    /** Waits until the sender has sent at least this share of the session's bytes. */
    void awaitProgress(String session, double share, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonPath view = sessionView(session);
            long total = view.getLong("progress.totalBytes");
            return total > 0 && view.getLong("progress.bytesSent") >= share * total;
        });
    }

    JsonPath sessionView(String session) {
        return given().baseUri(sessions.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/sessions/" + session)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Asserts that the completed session's stored view holds every sender event once: each file once,
     * COMPLETED, every receiver with every file, every byte sent and no more. A lost file event leaves a
     * file or receiver short; one applied twice counts a file twice.
     */
    void assertEveryEventAppliedOnce(JsonPath done, List<String> files) {
        String view = done.prettify();
        assertThat(done.getList("files.index", Integer.class))
                .as("file indexes of %s", view)
                .containsExactlyElementsOf(
                        IntStream.range(0, files.size()).boxed().toList());
        assertThat(done.getList("files.name", String.class)).as(view).containsExactlyElementsOf(files);
        assertThat(done.getList("files.state", String.class)).as(view).containsOnly("COMPLETED");
        assertThat(done.getList("receivers.filesCompleted", Integer.class))
                .as("files completed per receiver in %s", view)
                .hasSize(lab.clients().size())
                .containsOnly(files.size());
        assertThat(done.getLong("progress.bytesSent")).as(view).isEqualTo(done.getLong("progress.totalBytes"));
        assertThat(done.getInt("progress.receiversCompleted"))
                .as(view)
                .isEqualTo(lab.clients().size());
    }

    /**
     * Asserts that log-service stored every line the services logged for the session exactly once:
     * each service's console output (the same records the log shipper sends to Kafka) is the
     * reference, a line the shipper could not send counts only when its "N lines dropped" marker was
     * stored, and no message the console shows may be stored more often than it was logged. Returns
     * what was found.
     */
    String assertSessionLogComplete(String session, Duration timeout) {
        if (logs == null) {
            throw new IllegalStateException("started without log-service");
        }
        String[] found = new String[1];
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Integer> logged = new HashMap<>();
            int loggedLines = 0;
            for (ServiceProcess service : services) {
                for (String message : consoleMessages(service.log(), session)) {
                    logged.merge(message, 1, Integer::sum);
                    loggedLines++;
                }
            }
            Map<String, Integer> stored = new HashMap<>();
            int storedLines = 0;
            long dropped = 0;
            for (Map<String, Object> line : storedLines(session)) {
                @SuppressWarnings("unchecked")
                Map<String, String> fields = (Map<String, String>) line.get("fields");
                if (fields != null && fields.containsKey("droppedLines")) {
                    dropped += Long.parseLong(fields.get("droppedLines"));
                    continue;
                }
                String message =
                        String.valueOf(line.get("message")).lines().findFirst().orElse("");
                stored.merge(message, 1, Integer::sum);
                storedLines++;
            }
            for (Map.Entry<String, Integer> entry : stored.entrySet()) {
                if (!logged.containsKey(entry.getKey())) {
                    // Stored text can differ from the console's (the shipper redacts SQL); such a line
                    // still counts in the totals below, which catch a lost or doubled one.
                    continue;
                }
                assertThat(entry.getValue())
                        .as(
                                "times log-service stored \"%s\" for session %s (logged %s)",
                                entry.getKey(), session, logged.getOrDefault(entry.getKey(), 0))
                        .isLessThanOrEqualTo(logged.getOrDefault(entry.getKey(), 0));
            }
            assertThat(storedLines + dropped)
                    .as(
                            "lines of session %s stored (%d) plus marked as dropped (%d), against the %d the services"
                                    + " logged",
                            session, storedLines, dropped, loggedLines)
                    .isEqualTo(loggedLines);
            found[0] = storedLines + " log lines stored" + (dropped == 0 ? "" : ", " + dropped + " marked dropped")
                    + " of " + loggedLines + " logged";
        });
        return found[0];
    }

    /** The messages (first line) a service wrote to its console for the session, oldest first. */
    private static List<String> consoleMessages(Path log, String session) throws IOException {
        Pattern line = Pattern.compile("\\[session=" + session + " node=[^\\]]*\\] (.*)$");
        List<String> messages = new ArrayList<>();
        if (!Files.exists(log)) {
            return messages;
        }
        for (String text : Files.readAllLines(log)) {
            Matcher matcher = line.matcher(text);
            if (matcher.find()) {
                messages.add(matcher.group(1));
            }
        }
        return messages;
    }

    /** Every line log-service holds for the session, all pages. */
    private List<Map<String, Object>> storedLines(String session) {
        List<Map<String, Object>> lines = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().baseUri(logs.baseUrl())
                    .auth()
                    .oauth2(TestTokens.viewer())
                    .queryParam("session", session)
                    .queryParam("limit", 5000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when()
                    .get("/api/v1/logs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            lines.addAll(page.getList("lines"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && !cursor.isBlank());
        return lines;
    }

    List<String> clientAddresses() {
        return lab.clients().stream().map(LabHost::address).toList();
    }

    void assertSameFiles(Path clientDir, List<String> files) throws Exception {
        for (String file : files) {
            assertThat(sha256(clientDir.resolve(file)))
                    .as(clientDir.resolve(file).toString())
                    .isEqualTo(sha256(storageRoot.resolve(IMAGE).resolve(file)));
        }
    }

    /** Asserts that every client finished its receivers with exit 0 and holds byte-identical partitions. */
    void assertClientsGotTheImage(List<FogClient> running) throws Exception {
        for (FogClient client : running) {
            await().atMost(Duration.ofSeconds(20)).until(client::finished);
            assertThat(client.exitCode())
                    .as(client.host().address() + " udp-receiver exit")
                    .isZero();
            assertSameFiles(client.outputDir(), PARTITIONS);
        }
    }

    private static void writeImage(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        for (String partition : PARTITIONS) {
            byte[] data = new byte[PARTITION_BYTES + random.nextInt(4096)];
            random.nextBytes(data);
            Files.write(dir.resolve(partition), data);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    }
}
