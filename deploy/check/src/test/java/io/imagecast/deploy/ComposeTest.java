package io.imagecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml checked structurally (no Docker daemon here to run {@code docker compose
 * config}): the services, their health checks and start order, volumes, host networking for the
 * sender, and that each service gets exactly the IMAGECAST_* settings it reads.
 */
class ComposeTest {
    private static final Map<String, Object> COMPOSE = Compose.load();
    private static final Map<String, String> IMAGES = Repo.envFile("deploy/images.env");

    private static Map<String, Object> services() {
        return Compose.map(COMPOSE.get("services"), "services");
    }

    private static Map<String, Object> service(String name) {
        return Compose.map(services().get(name), "service " + name);
    }

    /** The service's environment after interpolation with the defaults (images.env only set). */
    private static Map<String, String> environment(String name) {
        Map<String, String> env = new HashMap<>();
        Compose.map(service(name).get("environment"), name + ".environment")
                .forEach((k, v) -> env.put(k, Compose.interpolate(String.valueOf(v), IMAGES)));
        return env;
    }

    @Test
    void interpolationFollowsComposeRules() {
        Map<String, String> env = Map.of("A", "a", "EMPTY", "");
        assertThat(Compose.interpolate("${A}-${B:-b}-${EMPTY:-e}-${EMPTY-f}-$$A-$A", env))
                .isEqualTo("a-b-e--$A-a");
        assertThatThrownBy(() -> Compose.interpolate("${B:?set B}", env)).hasMessageContaining("set B");
    }

    @Test
    void runsPostgresKafkaAndTheFourServices() {
        assertThat(services().keySet())
                .containsExactlyInAnyOrder(
                        "postgres", "kafka", "session-service", "node-registry", "log-service", "sender-service");
        assertThat(Compose.interpolate((String) service("postgres").get("image"), IMAGES))
                .startsWith("postgres:");
        assertThat(Compose.interpolate((String) service("kafka").get("image"), IMAGES))
                .startsWith("apache/kafka:");
    }

    @Test
    void servicesRunTheImagesOfDeployImagesEnv() {
        for (String name : ServiceSettings.SERVICES) {
            assertThat(Compose.interpolate((String) service(name).get("image"), IMAGES))
                    .isEqualTo(IMAGES.get("IMAGECAST_IMAGE_REGISTRY") + "/" + name + ":"
                            + IMAGES.get("IMAGECAST_IMAGE_TAG"));
        }
        // Without images.env the file refuses to start instead of pulling something else.
        assertThatThrownBy(() ->
                        Compose.interpolate((String) service("log-service").get("image"), Map.of()))
                .hasMessageContaining("images.env");
    }

    @Test
    void everyContainerHasAHealthCheckAndStartsAfterWhatItNeedsIsHealthy() {
        for (String name : services().keySet()) {
            Map<String, Object> health = Compose.map(service(name).get("healthcheck"), name + ".healthcheck");
            List<Object> test = Compose.list(health.get("test"), name + ".healthcheck.test");
            assertThat(test.get(0)).as(name).isIn("CMD", "CMD-SHELL");
            assertThat(test).as(name).hasSizeGreaterThan(1);
        }
        for (String name : ServiceSettings.SERVICES) {
            String test = String.join(
                    " ",
                    Compose.list(
                                    Compose.map(service(name).get("healthcheck"), name)
                                            .get("test"),
                                    name)
                            .stream()
                            .map(String::valueOf)
                            .toList());
            assertThat(test).as(name).contains("/q/health/ready");
            Map<String, Object> dependsOn = Compose.map(service(name).get("depends_on"), name + ".depends_on");
            Set<String> expected = ServiceSettings.hasDatabase(name) ? Set.of("postgres", "kafka") : Set.of("kafka");
            assertThat(dependsOn.keySet()).as(name).containsExactlyInAnyOrderElementsOf(expected);
            dependsOn.forEach((dep, cond) -> assertThat(
                            Compose.map(cond, name + " -> " + dep).get("condition"))
                    .as("%s waits for %s", name, dep)
                    .isEqualTo("service_healthy"));
        }
        // The bash check's port is the one each bridged service listens on.
        for (String name : ServiceSettings.DATABASE_SERVICES) {
            int port = ServiceSettings.httpPort(name, environment(name));
            assertThat(Compose.list(
                                    Compose.map(service(name).get("healthcheck"), name)
                                            .get("test"),
                                    name)
                            .toString())
                    .as(name)
                    .contains("/dev/tcp/127.0.0.1/" + port);
            assertThat(Compose.list(service(name).get("ports"), name))
                    .as("%s publishes its container port", name)
                    .anySatisfy(p -> assertThat(String.valueOf(p)).endsWith(":" + port));
        }
    }

    @Test
    void dataLivesInDeclaredNamedVolumes() {
        Set<String> declared = Compose.map(COMPOSE.get("volumes"), "volumes").keySet();
        Set<String> used = new TreeSet<>();
        for (String name : services().keySet()) {
            Object volumes = service(name).get("volumes");
            if (volumes == null) {
                continue;
            }
            for (Object v : Compose.list(volumes, name + ".volumes")) {
                String source = String.valueOf(v).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/") || source.startsWith("$")) {
                    if (source.startsWith("./")) {
                        assertThat(Files.exists(Repo.path("deploy").resolve(source)))
                                .as(source)
                                .isTrue();
                    }
                    continue;
                }
                assertThat(declared).as("volume %s of %s", source, name).contains(source);
                used.add(source);
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(String.valueOf(service("postgres").get("volumes")))
                .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(String.valueOf(service("kafka").get("volumes"))).contains("kafka-data:/var/lib/kafka/data");
        assertThat(Compose.interpolate(String.valueOf(service("sender-service").get("volumes")), IMAGES))
                .contains(":/images:ro");
    }

    @Test
    void senderUsesTheHostNetworkAndEverythingElseOnlyLoopbackPorts() {
        assertThat(service("sender-service").get("network_mode")).isEqualTo("host");
        assertThat(service("sender-service").get("ports")).isNull();
        for (String name : services().keySet()) {
            if (name.equals("sender-service")) {
                continue;
            }
            assertThat(service(name).get("network_mode")).as(name).isNull();
            for (Object port : Compose.list(service(name).get("ports"), name + ".ports")) {
                assertThat(String.valueOf(port)).as(name).startsWith("127.0.0.1:");
            }
        }
    }

    @Test
    void everySettingAServiceReadsIsProvidedAndNoneItIgnores() {
        for (String name : ServiceSettings.SERVICES) {
            Set<String> given = environment(name).keySet().stream()
                    .filter(k -> k.startsWith("IMAGECAST_"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(given).as("IMAGECAST_* variables given to %s", name).isEqualTo(ServiceSettings.variables(name));
        }
    }

    @Test
    void servicesFindKafkaPostgresAndTheJwtKeyWhereComposePutsThem() {
        String advertised = Compose.interpolate(
                (String) Compose.map(service("kafka").get("environment"), "kafka")
                        .get("KAFKA_ADVERTISED_LISTENERS"),
                IMAGES);
        String sql = Repo.read("deploy/init-databases.sql");
        for (String name : ServiceSettings.SERVICES) {
            Map<String, String> env = environment(name);
            assertThat(advertised).as("%s's IMAGECAST_KAFKA", name).contains("//" + env.get("IMAGECAST_KAFKA"));
            String target = Compose.list(service(name).get("secrets"), name).stream()
                    .map(s -> String.valueOf(Compose.map(s, name + ".secrets").get("target")))
                    .findFirst()
                    .orElseThrow();
            assertThat(env.get("IMAGECAST_JWT_PUBLIC_KEY")).as(name).isEqualTo(target);
            if (ServiceSettings.hasDatabase(name)) {
                String url = env.get("IMAGECAST_DB_URL");
                assertThat(url).startsWith("jdbc:postgresql://postgres:5432/");
                assertThat(sql).contains("CREATE DATABASE " + url.substring(url.lastIndexOf('/') + 1) + ";");
            }
        }
        Map<String, Object> secrets = Compose.map(COMPOSE.get("secrets"), "secrets");
        assertThat(Compose.map(secrets.get("jwt-public-key"), "jwt-public-key").get("file"))
                .as("the launcher's key (./imagecast keys)")
                .isEqualTo("../.imagecast/jwt/publicKey.pem");
    }
}
