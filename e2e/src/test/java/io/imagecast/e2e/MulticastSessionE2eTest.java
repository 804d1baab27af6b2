package io.imagecast.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as deployed: real PostgreSQL and Kafka, the packaged node-registry, session-service
 * and sender-service, and three client namespaces running stock udp-receiver the way FOG's client does.
 * The root namespace is the storage node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MulticastSessionE2eTest {
    static final String NODE = "store-1";
    static final String GROUP = "lab";
    static final List<String> PARTITIONS = List.of("d1p1.img", "d1p2.img", "d1p3.img");
    static final int PARTITION_BYTES = 4 * 1024 * 1024;

    Path workDir;
    Path storageRoot;
    EmbeddedPostgres postgres;
    EmbeddedKafka kafka;
    StorageLab lab;
    final List<ServiceProcess> services = new ArrayList<>();
    ServiceProcess registry;
    ServiceProcess sessions;
    ServiceProcess sender;
    final List<FogClient> clients = new ArrayList<>();

    @BeforeAll
    void startTheSystem() throws Exception {
        String unavailable = NetLab.unavailableReason();
        assumeTrue(unavailable == null, () -> "end-to-end lab skipped: " + unavailable);
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/udp-receiver")),
                "end-to-end lab skipped: stock udp-receiver (Debian package udpcast) is not installed");

        Path projectRoot = Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
        // where the packaged services are taken from: the reactor by default, a snapshot copy if wanted
        Path servicesRoot = Path.of(System.getProperty("imagecast.e2e.services-root", projectRoot.toString()));
        workDir = Files.createDirectories(projectRoot.resolve("e2e/target/e2e-" + System.currentTimeMillis()));
        storageRoot = Files.createDirectories(workDir.resolve("images"));
        writeImage(storageRoot.resolve("win10"));
        Path publicKey = workDir.resolve("publicKey.pem");
        try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(key, publicKey);
        }

        postgres = EmbeddedPostgres.start();
        kafka = EmbeddedKafka.start();
        lab = StorageLab.create(3);

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
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        registerStorageNode();
    }

    @AfterAll
    void stopTheSystem() throws Exception {
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

    @Test
    @Order(1)
    void everyClientReceivesByteIdenticalPartitions() throws Exception {
        String session = createSession("complete", PARTITIONS, null);
        int portBase = portBaseOf(session);
        List<FogClient> running = startClients(session, portBase, PARTITIONS);

        JsonPath done = awaitTerminal(session, Duration.ofSeconds(90));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
        assertThat(done.getList("receivers.ip")).containsExactlyInAnyOrderElementsOf(clientAddresses());
        assertThat(done.getList("receivers.state")).containsOnly("COMPLETED");
        for (FogClient client : running) {
            await().atMost(Duration.ofSeconds(10)).until(client::finished);
            assertThat(client.exitCode())
                    .as(client.host().address() + " udp-receiver exit")
                    .isZero();
            assertSameFiles(client.outputDir(), PARTITIONS);
        }
    }

    @Test
    @Order(2)
    void aClientThatDiesMidTransferMakesTheSessionPartial() throws Exception {
        // slow enough (8 Mbit/s, ~4 s per partition) to kill a client while the first partition flows
        String session = createSession("one-dies", PARTITIONS, 8_000_000L);
        int portBase = portBaseOf(session);
        List<FogClient> running = startClients(session, portBase, PARTITIONS);
        FogClient victim = running.get(2);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sessionView(session).getLong("progress.bytesSent") > 0);
        victim.kill(lab);
        JsonPath done = awaitTerminal(session, Duration.ofSeconds(120));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("PARTIAL");
        String victimAddress = victim.host().address();
        assertThat(done.getString("reason")).contains(victimAddress);
        assertThat(done.getString("receivers.find { it.ip == '" + victimAddress + "' }.state"))
                .isEqualTo("DROPPED");
        for (FogClient survivor : running.subList(0, 2)) {
            await().atMost(Duration.ofSeconds(10)).until(survivor::finished);
            assertThat(survivor.exitCode()).isZero();
            assertSameFiles(survivor.outputDir(), PARTITIONS);
        }
    }

    @Test
    @Order(3)
    void aMissingImageFileFailsTheSessionNamingThePath() {
        String session = createSession("missing-file", List.of("d1p1.img", "d1p9.img"), null);

        JsonPath done = awaitTerminal(session, Duration.ofSeconds(30));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("FAILED");
        assertThat(done.getString("reason"))
                .contains(storageRoot.resolve("win10/d1p9.img").toString())
                .contains("does not exist");
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

    private String createSession(String name, List<String> files, Long maxBitrateBps) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "e2e-" + name);
        body.put("image", Map.of("dir", "win10", "files", files));
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

    private int portBaseOf(String session) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> sessionView(session).<Integer>get("portBase"), port -> port != null);
    }

    private List<FogClient> startClients(String session, int portBase, List<String> files) throws IOException {
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

    private JsonPath awaitTerminal(String session, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> sessionView(session),
                        view -> List.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED")
                                .contains(view.getString("state")));
    }

    private JsonPath sessionView(String session) {
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

    private List<String> clientAddresses() {
        return lab.clients().stream().map(LabHost::address).toList();
    }

    private void assertSameFiles(Path clientDir, List<String> files) throws Exception {
        for (String file : files) {
            assertThat(sha256(clientDir.resolve(file)))
                    .as(clientDir.resolve(file).toString())
                    .isEqualTo(sha256(storageRoot.resolve("win10").resolve(file)));
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
