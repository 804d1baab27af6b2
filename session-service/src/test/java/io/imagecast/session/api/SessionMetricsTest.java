package io.imagecast.session.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The session gauges as Prometheus scrapes them, over the real database. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionMetricsTest extends SessionTestSupport {
    @Test
    void placedAndQueuedSessionsShowInTheGauges() {
        String group = unique("metrics");
        onlineGroup(group, 46000, 46010, 1);
        String placed = create(unique("placed"), group);
        String waiting = create(unique("waiting"), group);
        await().atMost(Duration.ofSeconds(30)).until(() -> !stateOf(placed).equals("QUEUED"));
        assertThat(stateOf(waiting)).isEqualTo("QUEUED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(sample(metrics, "imagecast_sessions{state=\"QUEUED\"}")).isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "imagecast_sessions{state=\"" + stateOf(placed) + "\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "imagecast_session_sender_silence_seconds"))
                    .isGreaterThanOrEqualTo(0);
            assertThat(sample(metrics, "imagecast_session_queued_age_seconds")).isGreaterThan(0);
        });
    }

    private static double sample(String metrics, String series) {
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series));
    }
}
