package io.imagecast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagecast.cli.ImagecastCli;
import io.imagecast.cli.api.ApiClient;
import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.registry.VersionedWrite;
import io.imagecast.netlab.NetLab;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.FreePorts;
import io.imagecast.testsupport.TestTokens;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every `imagecast sessions|nodes|groups|logs` command run in-process (picocli, captured output) against
 * the packaged node-registry, session-service, log-service and sender-service on real PostgreSQL and
 * Kafka. The sender-service heartbeats with the veth of a one-client lab ({@link StorageLab}) as its
 * multicast interface, which is all a node needs to become master and to take a session; no client
 * receives, so sessions here end cancelled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliE2eTest {
    static final String NODE = "store-1";
    static final String SPARE = "store-2";
    static final String GROUP = "lab";
    static final ObjectMapper JSON = new ObjectMapper();

    Path workDir;
    EmbeddedPostgres postgres;
    EmbeddedKafka kafka;
    final List<ServiceProcess> services = new ArrayList<>();
    ServiceProcess registry;
    ServiceProcess sessions;
    ServiceProcess logs;
    Path storageRoot;
    String sessionId;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** The storage node's multicast interface: a veth into a lab of the test's own, never a real network. */
    StorageLab lab;

    @BeforeAll
    void startTheServices() throws Exception {
        String unavailable = NetLab.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(unavailable == null, () -> "CLI e2e skipped: " + unavailable);
        lab = StorageLab.create(1);
        Path projectRoot = Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path servicesRoot = Path.of(System.getProperty("imagecast.e2e.services-root", projectRoot.toString()));
        workDir = Files.createDirectories(projectRoot.resolve("e2e/target/cli-" + System.currentTimeMillis()));
        storageRoot = Files.createDirectories(workDir.resolve("images"));
        Files.createDirectories(storageRoot.resolve("win10"));
        Files.write(storageRoot.resolve("win10/d1p1.img"), new byte[64 * 1024]);
        Path publicKey = workDir.resolve("publicKey.pem");
        try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(key, publicKey);
        }
        postgres = EmbeddedPostgres.start();
        kafka = EmbeddedKafka.start();
        Map<String, String> common = new HashMap<>();
        common.put("IMAGECAST_KAFKA", kafka.bootstrapServers());
        common.put("IMAGECAST_JWT_PUBLIC_KEY", publicKey.toString());
        common.put("IMAGECAST_DB_USER", postgres.username());
        common.put("IMAGECAST_DB_PASSWORD", postgres.password());
        registry = launch(servicesRoot, "node-registry", withDatabase(common, "imagecast_registry"));
        sessions = launch(servicesRoot, "session-service", withDatabase(common, "imagecast_sessions"));
        logs = launch(servicesRoot, "log-service", withDatabase(common, "imagecast_logs"));
        Map<String, String> senderEnv = new HashMap<>(common);
        senderEnv.put("IMAGECAST_NODE_ID", NODE);
        senderEnv.put("IMAGECAST_STORAGE_ROOT", storageRoot.toString());
        senderEnv.put(
                "IMAGECAST_SENDER_STATE_DIR", workDir.resolve("sender-state").toString());
        senderEnv.put("IMAGECAST_SENDER_INTERFACE", lab.storageInterface());
        launch(servicesRoot, "sender-service", senderEnv);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    void stopTheServices() {
        services.forEach(ServiceProcess::close);
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
    void groupsAreCreatedListedShownAndUpdated() throws Exception {
        Run created = admin(
                "groups",
                "create",
                GROUP,
                "--image-root",
                storageRoot.toString(),
                "--ports",
                "9000-9098",
                "--multicast-pool",
                "239.203.0.0/24",
                "--max-sessions",
                "4");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created group lab").containsPattern("ports\\s+9000-9098");

        Run list = admin("groups", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow()).containsPattern("NAME\\s+IMAGE ROOT\\s+PORTS");
        assertThat(list.out()).containsPattern("lab\\s+" + storageRoot + "\\s+9000-9098\\s+239.203.0.0/24\\s+4");
        assertThat(admin("groups", "list", "--output", "json")
                        .json()
                        .path("items")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo(GROUP);

        Run updated = admin("groups", "update", GROUP, "--max-sessions", "6", "-o", "json");
        assertThat(updated.code()).as(updated.err()).isZero();
        assertThat(updated.json().path("maxSessions").asInt()).isEqualTo(6);
        assertThat(updated.json().path("portWindowStart").asInt()).isEqualTo(9000);
        Run shown = admin("groups", "show", GROUP);
        assertThat(shown.out()).containsPattern("max sessions\\s+6");
        assertThat(admin("groups", "show", GROUP, "-o", "json")
                        .json()
                        .path("version")
                        .asLong())
                .isEqualTo(updated.json().path("version").asLong());
    }

    @Test
    @Order(2)
    void groupMistakesAreOneLineWithTheirExitCode() {
        Run badPorts = admin(
                "groups",
                "create",
                "other",
                "--image-root",
                "/x",
                "--ports",
                "nine",
                "--multicast-pool",
                "239.204.0.0/24",
                "--max-sessions",
                "1");
        assertThat(badPorts.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPorts.err().strip()).doesNotContain("\n").contains("--ports");

        Run missingFlag = admin("groups", "create", "other", "--image-root", "/x");
        assertThat(missingFlag.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingFlag.err().strip()).doesNotContain("\n").contains("--ports");

        Run exists = admin(
                "groups",
                "create",
                GROUP,
                "--image-root",
                "/x",
                "--ports",
                "9100-9198",
                "--multicast-pool",
                "239.204.0.0/24",
                "--max-sessions",
                "1");
        assertThat(exists.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(exists.err()).contains("HTTP 409");

        Run missing = admin("groups", "show", "nope");
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("HTTP 404");

        Run viewerWrite = cli(TestTokens.viewer(), "groups", "update", GROUP, "--max-sessions", "2");
        assertThat(viewerWrite.code()).isEqualTo(ExitCodes.DENIED);
    }

    @Test
    @Order(3)
    void theHeartbeatingNodeIsConfiguredAndBecomesMaster() throws Exception {
        // the sender-service's heartbeats make the registry discover the node; it is configured, not created
        await().atMost(Duration.ofSeconds(60))
                .until(() -> admin("nodes", "show", NODE).code() == 0);
        Run updated = admin(
                "nodes",
                "update",
                NODE,
                "--group",
                GROUP,
                "--address",
                lab.storageAddress(),
                "--interface",
                lab.storageInterface(),
                "--max-sessions",
                "4");
        assertThat(updated.code()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("Updated node store-1");
        // a discovered node starts disabled
        Run enabled = admin("nodes", "enable", NODE);
        assertThat(enabled.code()).as(enabled.err()).isZero();

        Run master = admin("nodes", "set-master", NODE);
        assertThat(master.code()).as(master.err()).isZero();
        assertThat(master.out()).contains("Node store-1 is the master of group lab");

        Run interfaces = admin("nodes", "interfaces", NODE);
        assertThat(interfaces.code()).isZero();
        assertThat(interfaces.out())
                .contains("Configured multicast interface: " + lab.storageInterface())
                .containsPattern(lab.storageInterface() + "\\s+\\S*"
                        + lab.storageAddress().replace(".", "\\.") + "/");
        JsonNode nics = admin("nodes", "interfaces", NODE, "-o", "json").json();
        assertThat(nics.path("configured").asText()).isEqualTo(lab.storageInterface());

        Run list = admin("nodes", "list", "--group", GROUP);
        assertThat(list.out())
                .containsPattern("store-1\\s+lab\\s+" + lab.storageAddress() + "\\s+yes\\s+yes\\s+"
                        + lab.storageInterface() + "\\s+ONLINE");
        assertThat(admin("nodes", "show", NODE, "-o", "json")
                        .json()
                        .path("master")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(4)
    void aNodeThatNeverHeartbeatedIsDiagnosedWithFixesAndCannotBeMaster() throws Exception {
        Run created =
                admin("nodes", "create", SPARE, "--group", GROUP, "--address", "127.0.0.2", "--max-sessions", "2");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Registered node store-2 in group lab");

        Run diagnosis = admin("nodes", "diagnose", SPARE);
        assertThat(diagnosis.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(diagnosis.out())
                .contains("store-2: NOT READY")
                .contains("ERROR ")
                .contains("  fix: ");
        JsonNode json = admin("nodes", "diagnose", SPARE, "-o", "json").json();
        assertThat(json.path("ready").asBoolean()).isFalse();
        for (JsonNode finding : json.path("problems")) {
            assertThat(diagnosis.out())
                    .contains(finding.path("message").asText())
                    .contains(finding.path("fix").asText());
        }

        Run master = admin("nodes", "set-master", SPARE);
        assertThat(master.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(master.err().strip()).doesNotContain("\n").contains("HTTP 409");

        Run healthy = admin("nodes", "diagnose", NODE, "-o", "json");
        assertThat(healthy.code()).isEqualTo(healthy.json().path("ready").asBoolean() ? 0 : 1);
    }

    @Test
    @Order(5)
    void nodeSettingsAreWrittenWithIfMatchAndA412IsExplained() throws Exception {
        assertThat(admin("nodes", "disable", SPARE).out()).contains("Node store-2 is disabled.");
        assertThat(admin("nodes", "show", SPARE, "-o", "json")
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(admin("nodes", "enable", SPARE).code()).isZero();
        assertThat(admin("nodes", "show", SPARE, "-o", "json")
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        Run iface = admin("nodes", "set-interface", SPARE, "eth9");
        assertThat(iface.code()).as(iface.err()).isZero();
        assertThat(admin("nodes", "show", SPARE).out()).containsPattern("multicastInterface\\s+eth9");
        Run both = admin("nodes", "set-interface", SPARE, "eth9", "--proposed");
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);

        // another admin writes between the command's read and its write
        VersionedWrite write = new VersionedWrite(new ApiClient(TestTokens.admin()));
        String url = registry.baseUrl() + "/api/v1/nodes/" + SPARE;
        ApiException conflict = org.junit.jupiter.api.Assertions.assertThrows(
                ApiException.class,
                () -> write.update(url, "storage node store-2", VersionedWrite::nodeRequest, request -> {
                    assertThat(admin("nodes", "disable", SPARE).code()).isZero();
                    return request.put("maxSessions", 3);
                }));
        assertThat(conflict.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(conflict.getMessage())
                .contains("storage node store-2 was changed by someone else")
                .contains("HTTP 412")
                .contains("run the command again")
                .doesNotContain("\n");
        assertThat(admin("nodes", "show", SPARE, "-o", "json")
                        .json()
                        .path("maxSessions")
                        .asInt())
                .isEqualTo(2);
        assertThat(admin("nodes", "show", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(6)
    void aSessionIsCreatedOnceListedShownAndAHostDropped() throws Exception {
        String[] create = {
            "sessions",
            "create",
            "--name",
            "cli-1",
            "--group",
            GROUP,
            "--image",
            "win10",
            "--host",
            "10.9.9.1",
            "--host",
            "name=pc2,ip=10.9.9.2",
            "--max-wait",
            "600",
            "--idempotency-key",
            "cli-1-k"
        };
        // session-service learns the new master from the registry's events: until then it answers 409
        Run created = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin(create),
                        run -> run.code() != ExitCodes.FAILURE || !run.err().contains("409"));
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out())
                .startsWith("Created session ")
                .contains("(cli-1)")
                .contains("in group lab");
        sessionId = created.out().split(" ")[2];
        Run again = admin(append(create, "-o", "json"));
        assertThat(again.json().path("id").asText()).isEqualTo(sessionId);
        assertThat(admin(create).out()).startsWith("Existing session " + sessionId);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "WAITING_FOR_RECEIVERS"
                        .equals(admin("sessions", "show", sessionId, "-o", "json")
                                .json()
                                .path("state")
                                .asText()));
        Run list = admin("sessions", "list", "--state", "waiting_for_receivers", "--group", GROUP);
        assertThat(list.out()).containsPattern(sessionId + "\\s+cli-1\\s+WAITING_FOR_RECEIVERS\\s+lab\\s+store-1");
        JsonNode page =
                admin("sessions", "list", "--name", "cli-1", "-o", "json").json();
        assertThat(page.path("items")).hasSize(1);
        Run shown = admin("sessions", "show", sessionId);
        assertThat(shown.out())
                .containsPattern("state\\s+WAITING_FOR_RECEIVERS")
                .containsPattern("pc2\\s+10.9.9.2");

        Run dropped = admin("sessions", "drop-host", sessionId, "pc2");
        assertThat(dropped.code()).as(dropped.err()).isZero();
        assertThat(dropped.out()).contains("pc2");
        JsonNode view = admin("sessions", "show", sessionId, "-o", "json").json();
        assertThat(view.path("receivers").findValuesAsText("state")).containsAnyOf("DROP_REQUESTED", "DROPPED");
    }

    @Test
    @Order(7)
    void watchFollowsTheSessionAndExitsWithItsOutcome() throws Exception {
        CompletableFuture<Run> human = CompletableFuture.supplyAsync(() -> admin("sessions", "watch", sessionId));
        CompletableFuture<Run> json =
                CompletableFuture.supplyAsync(() -> admin("sessions", "watch", sessionId, "-o", "json"));
        Thread.sleep(2000); // lets both watchers open their streams before the state changes (not an assertion)
        assertThat(human).isNotDone();
        assertThat(json).isNotDone();
        Run cancelled = admin("sessions", "cancel", sessionId);
        assertThat(cancelled.code()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains(sessionId).contains("CANCELLED");

        Run watched = human.get(60, TimeUnit.SECONDS);
        assertThat(watched.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(watched.out()).contains("WAITING_FOR_RECEIVERS").contains("Outcome: CANCELLED");
        assertThat(watched.out()).containsPattern("10.9.9.1\\s+\\[-+\\]");
        Run streamed = json.get(60, TimeUnit.SECONDS);
        assertThat(streamed.code()).isEqualTo(ExitCodes.FAILURE);
        List<String> lines = streamed.out().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).path("state").asText())
                .isEqualTo("CANCELLED");

        // Neither host got the image: the follow-up session is for both, once.
        Run retried = admin("sessions", "retry", sessionId);
        assertThat(retried.code()).as(retried.err()).isZero();
        assertThat(retried.out())
                .startsWith("Created session ")
                .contains("(cli-1 (retry))")
                .contains("for 2 receiver(s)");
        String retryId = retried.out().split(" ")[2];
        JsonNode again = admin("sessions", "retry", sessionId, "-o", "json").json();
        assertThat(again.path("id").asText()).isEqualTo(retryId);
        assertThat(again.path("retryOf").asText()).isEqualTo(sessionId);
        assertThat(admin("sessions", "retry", sessionId).out()).startsWith("Already retried as session " + retryId);
        Run refused = admin("sessions", "retry", retryId);
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).contains("retry it once it has ended");
        assertThat(admin("sessions", "cancel", retryId).code()).isZero();
    }

    @Test
    @Order(8)
    void logsAreQueriedTailedAndDownloadedPerSession() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> admin("logs", "query", "--session", sessionId, "-o", "json")
                                .json()
                                .path("lines")
                                .size()
                        > 0);
        Run query = admin("logs", "query", "--service", "session-service", "--session", sessionId, "--limit", "5");
        assertThat(query.code()).isZero();
        assertThat(query.out()).contains("session-service").contains("session=" + sessionId);
        JsonNode page = admin("logs", "query", "--session", sessionId, "--contains", "created", "-o", "json")
                .json();
        assertThat(page.path("lines").get(0).path("message").asText())
                .contains(sessionId)
                .contains("created");

        Run log = admin("logs", "session-log", sessionId);
        assertThat(log.code()).as(log.err()).isZero();
        assertThat(log.out()).contains("'cli-1' created by");
        JsonNode logJson = admin("logs", "session-log", sessionId, "-o", "json").json();
        assertThat(logJson.path("lines").size()).isEqualTo(log.out().lines().count());
        assertThat(admin("logs", "session-log", "no-such-session").code()).isEqualTo(ExitCodes.NOT_FOUND);

        CompletableFuture<Run> tail = CompletableFuture.supplyAsync(
                () -> admin("logs", "tail", "--service", "session-service", "--contains", "cli-2", "--lines", "1"));
        Thread.sleep(2000); // the tail subscribes before the line it waits for is logged (not an assertion)
        Run second =
                admin("sessions", "create", "--name", "cli-2", "--group", GROUP, "--image", "win10", "--expected", "1");
        assertThat(second.code()).as(second.err()).isZero();
        Run tailed = tail.get(60, TimeUnit.SECONDS);
        assertThat(tailed.code()).as(tailed.err()).isZero();
        assertThat(tailed.out().lines().toList()).hasSize(1).allMatch(line -> line.contains("cli-2"));
        admin("sessions", "cancel", second.out().split(" ")[2]);
    }

    @Test
    @Order(9)
    void finishedSessionsArePurged() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin("sessions", "list", "--state", "CANCELLED", "-o", "json")
                                .json()
                                .path("items")
                                .size()
                        == 3); // two cancelled earlier, and the retry's follow-up
        Run purged = admin(
                "sessions",
                "purge",
                "--finished-before",
                Instant.now().plusSeconds(1).toString());
        assertThat(purged.code()).as(purged.err()).isZero();
        assertThat(purged.out()).containsPattern("^Purged [1-3] session\\(s\\) finished before");
        Run gone = admin("sessions", "show", sessionId);
        assertThat(gone.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.err()).contains("HTTP 404");
    }

    @Test
    @Order(10)
    void badInputUnreachableServersAndCompletion() throws Exception {
        Run noName = admin("sessions", "create", "--group", GROUP, "--image", "win10");
        assertThat(noName.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noName.err().strip()).doesNotContain("\n").contains("--name");
        Run badState = admin("sessions", "list", "--state", "RUNNING");
        assertThat(badState.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badState.err().strip()).doesNotContain("\n").contains("--state");
        Run invalid = admin("sessions", "create", "--name", "bad!name", "--group", GROUP, "--image", "win10");
        assertThat(invalid.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.err()).contains("HTTP 400").contains("name");

        int closed = FreePorts.next();
        Run unreachable =
                run("sessions", "list", "--session-url", "http://127.0.0.1:" + closed, "--token", TestTokens.viewer());
        assertThat(unreachable.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:" + closed);

        Run completion = run("completion");
        assertThat(completion.code()).isZero();
        assertThat(completion.out())
                .contains("complete -F")
                .contains("sessions")
                .contains("drop-host");

        Run help = run("nodes", "diagnose", "--help");
        assertThat(help.out()).contains("Example:").contains("imagecast nodes diagnose store-1");
    }

    private Run admin(String... args) {
        return cli(TestTokens.admin(), args);
    }

    /** A command with this stack's URLs and the given token. */
    private Run cli(String token, String... args) {
        return run(append(
                args,
                "--session-url",
                sessions.baseUrl(),
                "--registry-url",
                registry.baseUrl(),
                "--logs-url",
                logs.baseUrl(),
                "--token",
                token));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ImagecastCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] append(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private Map<String, String> withDatabase(Map<String, String> common, String database) {
        Map<String, String> env = new HashMap<>(common);
        env.put("IMAGECAST_DB_URL", postgres.createDatabase(database));
        return env;
    }

    private ServiceProcess launch(Path servicesRoot, String module, Map<String, String> env) throws Exception {
        ServiceProcess service = ServiceProcess.start(servicesRoot, module, env, workDir);
        services.add(service);
        return service;
    }
}
