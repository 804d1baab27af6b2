package io.imagecast.logs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.imagecast.logs.LogFixtures;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loki HTTP API shapes as Grafana's Loki data source reads them. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class LokiApiTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SESSION = "loki-" + RUN;
    private static final String NODE = "node-" + RUN;
    private static final Instant BASE =
            Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    private static boolean seeded;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        List<io.imagecast.events.log.LogRecord> logs = new ArrayList<>();
        // Minute 0: 3 info + 1 error; minute 1: 2 info.
        for (int i = 0; i < 3; i++) {
            logs.add(LogFixtures.line(
                    BASE.plusSeconds(5 + i), "info", "sender-service", NODE, SESSION, "sent chunk " + i));
        }
        logs.add(LogFixtures.line(BASE.plusSeconds(30), "error", "sender-service", NODE, SESSION, "receiver timeout"));
        logs.add(LogFixtures.line(BASE.plusSeconds(65), "info", "sender-service", NODE, SESSION, "sent chunk 3"));
        logs.add(LogFixtures.line(BASE.plusSeconds(70), "info", "sender-service", NODE, SESSION, "sent chunk 4"));
        LogFixtures.publish(logs);
        LogFixtures.awaitStored(dataSource, SESSION, 6);
        seeded = true;
    }

    private static RequestSpecification grafana() {
        return given().auth().oauth2(TestTokens.viewer());
    }

    private static String ns(Instant instant) {
        return LokiTime.nanos(instant);
    }

    @Test
    void grafanaSaveAndTestQueryAnswersTwo() {
        grafana()
                .queryParam("query", "vector(1)+vector(1)")
                .queryParam("time", "1795600800000000000")
                .get("/loki/api/v1/query")
                .then()
                .statusCode(200)
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].metric", equalTo(Map.of()))
                .body("data.result[0].value[1]", equalTo("2"));
    }

    @Test
    void instantMetricQueryWithoutTimeIsEvaluatedNow() {
        // Grafana's instant queries sometimes send no time: Loki then evaluates at "now".
        grafana()
                .queryParam("query", "sum(count_over_time({node=\"" + NODE + "\"}[1h]))")
                .get("/loki/api/v1/query")
                .then()
                .statusCode(200)
                .body("data.resultType", equalTo("vector"))
                .body("data.result", hasSize(1))
                .body("data.result[0].value[1]", equalTo("6"));
        // A time with digits below PostgreSQL's microsecond precision is the same query.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
        grafana()
                .queryParam("query", "sum(count_over_time({node=\"" + NODE + "\"}[1h]))")
                .queryParam("time", ns(now))
                .get("/loki/api/v1/query")
                .then()
                .statusCode(200)
                .body("data.result", hasSize(1))
                .body("data.result[0].value[1]", equalTo("6"));
    }

    @Test
    void queryRangeReturnsStreamsBackwardWithLimit() {
        JsonPath body = grafana()
                .queryParam("query", "{session=\"" + SESSION + "\"} |= \"chunk\"")
                .queryParam("start", ns(BASE))
                .queryParam("end", ns(BASE.plusSeconds(120)))
                .queryParam("limit", 4)
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(200)
                .body("data.resultType", equalTo("streams"))
                .extract()
                .jsonPath();
        assertThat(body.getMap("data.result[0].stream"))
                .isEqualTo(Map.of("service", "sender-service", "node", NODE, "session", SESSION, "level", "info"));
        List<List<String>> values = body.getList("data.result[0].values");
        assertThat(values)
                .extracting(v -> v.get(1))
                .containsExactly("sent chunk 4", "sent chunk 3", "sent chunk 2", "sent chunk 1");
        assertThat(values.get(0).get(0)).isEqualTo(ns(BASE.plusSeconds(70)));
    }

    @Test
    void volumeHistogramCountsPerLevelAndStep() {
        JsonPath body = grafana()
                .queryParam("query", "sum by (level) (count_over_time({node=\"" + NODE + "\"}[1m]))")
                .queryParam("start", ns(BASE.plusSeconds(60)))
                .queryParam("end", ns(BASE.plusSeconds(120)))
                .queryParam("step", "60s")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .extract()
                .jsonPath();
        Map<String, List<List<Object>>> byLevel = new java.util.HashMap<>();
        List<Map<String, Object>> result = body.getList("data.result");
        for (Map<String, Object> series : result) {
            @SuppressWarnings("unchecked")
            Map<String, String> metric = (Map<String, String>) series.get("metric");
            @SuppressWarnings("unchecked")
            List<List<Object>> values = (List<List<Object>>) series.get("values");
            byLevel.put(metric.get("level"), values);
            assertThat(metric).containsOnlyKeys("level");
        }
        long t60 = BASE.plusSeconds(60).getEpochSecond();
        long t120 = BASE.plusSeconds(120).getEpochSecond();
        assertThat(byLevel.get("info")).containsExactly(List.of((int) t60, "3"), List.of((int) t120, "2"));
        assertThat(byLevel.get("error")).containsExactly(List.of((int) t60, "1"));

        grafana()
                .queryParam("query", "rate({node=\"" + NODE + "\", level=\"info\"}[1m]) * 60")
                .queryParam("time", ns(BASE.plusSeconds(60)))
                .get("/loki/api/v1/query")
                .then()
                .statusCode(200)
                .body("data.result[0].value[1]", equalTo("3"));
    }

    @Test
    void labelsValuesSeriesStatsVolumeAndBuildInfo() {
        String start = ns(BASE);
        String end = ns(BASE.plusSeconds(120));
        grafana()
                .queryParam("start", start)
                .queryParam("end", end)
                .get("/loki/api/v1/labels")
                .then()
                .statusCode(200)
                .body("status", equalTo("success"))
                .body("data", hasItems("level", "node", "service", "session"));
        grafana()
                .queryParam("start", start)
                .queryParam("end", end)
                .queryParam("query", "{session=\"" + SESSION + "\"}")
                .get("/loki/api/v1/label/level/values")
                .then()
                .statusCode(200)
                .body("data", equalTo(List.of("error", "info")));
        grafana()
                .queryParam("start", start)
                .queryParam("end", end)
                .get("/loki/api/v1/label/job/values")
                .then()
                .body("data", equalTo(List.of()));
        grafana()
                .queryParam("match[]", "{node=\"" + NODE + "\"}")
                .queryParam("start", start)
                .queryParam("end", end)
                .get("/loki/api/v1/series")
                .then()
                .statusCode(200)
                .body("data.size()", equalTo(2))
                .body("data.level", hasItems("info", "error"));
        grafana()
                .queryParam("query", "{node=\"" + NODE + "\"}")
                .queryParam("start", start)
                .queryParam("end", end)
                .get("/loki/api/v1/index/stats")
                .then()
                .statusCode(200)
                .body("streams", equalTo(2))
                .body("entries", equalTo(6))
                .body("bytes", equalTo("sent chunk 0".length() * 5 + "receiver timeout".length()));
        grafana()
                .queryParam("query", "{node=\"" + NODE + "\", level=~\".+\"}")
                .queryParam("start", start)
                .queryParam("end", end)
                .get("/loki/api/v1/index/volume")
                .then()
                .statusCode(200)
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].metric", equalTo(Map.of("node", NODE, "level", "info")))
                .body("data.result[0].value[1]", equalTo(String.valueOf("sent chunk 0".length() * 5)));
        grafana().get("/loki/api/v1/status/buildinfo").then().statusCode(200).body("version", equalTo("2.9.0"));
    }

    @Test
    void badQueriesGetLokiStylePlainTextErrors() {
        grafana()
                .queryParam("query", "{session=")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(400)
                .contentType(startsWith("text/plain"))
                .body(startsWith("parse error at line 1, col 10"));
        grafana()
                .queryParam("query", "{service=\"x\"} | json")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.containsString("not supported"));
        grafana()
                .queryParam("query", "{service=\"x\"}")
                .queryParam("start", "soon")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(400)
                .body(startsWith("invalid parameter \"start\""));
        given().queryParam("query", "vector(1)")
                .get("/loki/api/v1/query")
                .then()
                .statusCode(401);
    }
}
