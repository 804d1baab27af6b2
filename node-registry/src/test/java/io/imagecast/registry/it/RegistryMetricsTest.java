package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.createGroupWithNode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.registry.it.RegistryApi.GroupWithNode;
import io.imagecast.registry.service.HeartbeatService;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The gauges the "sender offline" and "no master in a group" alerts read, as Prometheus scrapes them. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class RegistryMetricsTest {
    @Inject
    HeartbeatService heartbeats;

    @Test
    void heartbeatAgeAndMastersFollowTheRegistry() {
        GroupWithNode registered = createGroupWithNode("metrics", 31900, "10.31.9.2");
        String group = registered.group();
        String node = registered.node();
        String age = "imagecast_registry_node_heartbeat_age_seconds";
        String masters = "imagecast_registry_group_masters";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, age, "node=\"" + node + "\"")).hasValue(Double.POSITIVE_INFINITY);
            assertThat(value(metrics, masters, "group=\"" + group + "\"")).hasValue(0);
        });

        heartbeats.record(Heartbeats.of(node, "10.31.9.2", "eth0"), Instant.now());
        asAdmin()
                .body(Map.of("node", node))
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, age, "node=\"" + node + "\"").orElseThrow())
                    .isBetween(0.0, 15.0);
            assertThat(value(metrics, masters, "group=\"" + group + "\"")).hasValue(1);
        });
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample of {@code name} whose labels contain {@code label}, from the Prometheus text format. */
    private static OptionalDouble value(String metrics, String name, String label) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> parse(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
