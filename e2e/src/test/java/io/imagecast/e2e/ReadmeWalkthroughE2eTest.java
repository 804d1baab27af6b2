package io.imagecast.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.cli.ImagecastCli;
import io.imagecast.e2e.ReadmeWalkthrough.Command;
import io.imagecast.netlab.NetLab;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.TestTokens;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The root README's walkthrough (registering a storage node, running a session by hand) run command by
 * command, as a reader would type it, against the stack `./imagecast up` starts: PostgreSQL, Kafka and the
 * four packaged services, sender-service under its default node id. Only the values the README names as
 * the ones to adapt are replaced (image root, node address, interface: here a veth into a lab of the
 * test's own, never a real network), and {@code <id>} by the session id the README's output shows. Every
 * command must exit 0 and print the output lines the README shows under it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeWalkthroughE2eTest {
    /** sender-service's default IMAGECAST_NODE_ID, the one `./imagecast up` runs it with. */
    static final String NODE = "storage-1";

    static final String IMAGE_ROOT = "/images";
    static final String ADDRESS = "10.0.0.5";
    static final String INTERFACE = "enp3s0";

    Path workDir;
    Path storageRoot;
    EmbeddedPostgres postgres;
    EmbeddedKafka kafka;
    StorageLab lab;
    final List<ServiceProcess> services = new ArrayList<>();
    ServiceProcess registry;
    ServiceProcess sessions;
    ServiceProcess logs;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void startTheStack() throws Exception {
        String unavailable = NetLab.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                unavailable == null, () -> "README walkthrough e2e skipped: " + unavailable);
        Path projectRoot = projectRoot();
        Path servicesRoot = Path.of(System.getProperty("imagecast.e2e.services-root", projectRoot.toString()));
        workDir = Files.createDirectories(projectRoot.resolve("e2e/target/readme-" + System.currentTimeMillis()));
        storageRoot = Files.createDirectories(workDir.resolve("images"));
        Files.createDirectories(storageRoot.resolve("win10"));
        Files.write(storageRoot.resolve("win10/d1p1.img"), new byte[64 * 1024]);
        Path publicKey = workDir.resolve("publicKey.pem");
        try (InputStream key = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(key, publicKey);
        }
        lab = StorageLab.create(1);
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
        launch(servicesRoot, "sender-service", senderEnv);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        // what `up` leaves behind: a running node the registry knows from its first heartbeat
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(registry.baseUrl())
                                .auth()
                                .oauth2(TestTokens.viewer())
                                .get("/api/v1/nodes/" + NODE)
                                .statusCode()
                        == 200);
    }

    @AfterAll
    void stopTheStack() {
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
    void theReadmesRegistrationAndSessionWalkthroughRunsAsShown() throws Exception {
        List<List<Command>> blocks = ReadmeWalkthrough.blocks(projectRoot().resolve("README.md"));
        assertThat(blocks).as("walkthrough blocks in README.md").hasSizeGreaterThanOrEqualTo(2);

        Map<String, String> values = new LinkedHashMap<>();
        values.put(IMAGE_ROOT, storageRoot.toString());
        values.put(ADDRESS, lab.storageAddress());
        values.put(INTERFACE, lab.storageInterface());
        List<CompletableFuture<Run>> background = new ArrayList<>();
        List<String> transcript = new ArrayList<>();
        for (List<Command> block : blocks) {
            for (Command readme : block) {
                Command command = readme.withWords(ReadmeWalkthrough.substitute(readme.words(), values));
                transcript.add("$ " + String.join(" ", command.words()));
                if (isWatch(command)) {
                    // a second terminal: it follows the session until the commands after it end it
                    background.add(CompletableFuture.supplyAsync(() -> cli(command.words())));
                    continue;
                }
                Run run = cli(command.words());
                transcript.add(run.out() + run.err());
                assertThat(run.code())
                        .as("exit code of `%s`; so far:%n%s", readme.line(), String.join("\n", transcript))
                        .isZero();
                for (String shown : command.output()) {
                    assertThat(run.out())
                            .as("output of `%s` shows `%s`", readme.line(), shown)
                            .containsPattern(Command.outputPattern(shown));
                    String id = ReadmeWalkthrough.idShown(shown, run.out());
                    if (id != null) {
                        values.put("<id>", id);
                    }
                }
                if (command.redirect() != null) {
                    Path file = workDir.resolve(command.redirect());
                    Files.writeString(file, run.out());
                    assertThat(run.out()).as("what `%s` writes", readme.line()).isNotBlank();
                }
            }
        }
        assertThat(values).as("a session id shown by the README's create").containsKey("<id>");
        for (CompletableFuture<Run> watch : background) {
            Run run = watch.get(60, TimeUnit.SECONDS);
            // "the exit code is the outcome (0 only for COMPLETED)": the walkthrough cancels its session
            assertThat(run.code())
                    .as("`sessions watch` of a cancelled session: %s", run.out())
                    .isNotZero();
            assertThat(run.out()).contains("CANCELLED");
        }
    }

    private static boolean isWatch(Command command) {
        return command.words().size() >= 2
                && command.words().get(0).equals("sessions")
                && command.words().get(1).equals("watch");
    }

    /** A command as `./imagecast` runs it: the CLI with the stack's URLs and the local admin token. */
    private Run cli(List<String> words) {
        List<String> args = new ArrayList<>(words);
        args.addAll(List.of(
                "--session-url",
                sessions.baseUrl(),
                "--registry-url",
                registry.baseUrl(),
                "--logs-url",
                logs.baseUrl(),
                "--token",
                TestTokens.admin()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ImagecastCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path projectRoot() {
        return Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
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
