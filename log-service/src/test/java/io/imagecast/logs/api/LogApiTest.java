package io.imagecast.logs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.imagecast.events.log.LogRecord;
import io.imagecast.logs.LogFixtures;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class LogApiTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SESSION = "s-" + RUN;
    static final String OTHER = "o-" + RUN;
    static final Instant BASE = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private static boolean seeded;

    @Inject
    DataSource dataSource;

    @Inject
    io.imagecast.logs.service.TailHub tail;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String level = i % 10 == 0 ? "error" : i % 3 == 0 ? "warn" : "info";
            logs.add(LogFixtures.line(
                    BASE.plusSeconds(i),
                    level,
                    "sender-service",
                    "node-a",
                    SESSION,
                    "chunk " + i + " sent to 239.0.0.1"));
        }
        logs.add(new LogRecord(
                BASE.plusSeconds(40),
                "error",
                "sender-service",
                "node-a",
                SESSION,
                "io.imagecast.Tx",
                "receiver 10.0.0.9 timed out",
                "java.io.IOException: gone\n\tat x.y(Z.java:1)",
                null));
        for (int i = 0; i < 5; i++) {
            logs.add(LogFixtures.line(BASE.plusSeconds(i), "info", "session-service", "node-b", OTHER, "other " + i));
        }
        LogFixtures.publish(logs);
        LogFixtures.awaitStored(dataSource, SESSION, 31);
        LogFixtures.awaitStored(dataSource, OTHER, 5);
        seeded = true;
    }

    private static io.restassured.specification.RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.viewer());
    }

    @Test
    void filtersBySessionLevelAndTextNewestFirst() {
        JsonPath page = viewer().queryParam("session", SESSION)
                .queryParam("level", "warn,error")
                .get("/api/v1/logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> messages = page.getList("lines.message");
        assertThat(messages).first().isEqualTo("receiver 10.0.0.9 timed out");
        assertThat(page.getList("lines.level", String.class)).allMatch(l -> l.equals("warn") || l.equals("error"));
        // error: i = 0, 10, 20; warn: the other multiples of 3 (9 lines); plus the exception line.
        assertThat(messages).hasSize(13);
        assertThat(page.getString("lines[0].exception")).startsWith("java.io.IOException: gone");

        viewer().queryParam("contains", "chunk 2")
                .queryParam("session", SESSION)
                .get("/api/v1/logs")
                .then()
                .statusCode(200)
                .body("lines.message", hasItems("chunk 2 sent to 239.0.0.1", "chunk 29 sent to 239.0.0.1"))
                .body("lines.size()", equalTo(11));
        viewer().queryParam("regex", "^chunk 1[0-2] ")
                .queryParam("service", "sender-service")
                .queryParam("session", SESSION)
                .get("/api/v1/logs")
                .then()
                .body(
                        "lines.message",
                        equalTo(List.of(
                                "chunk 12 sent to 239.0.0.1",
                                "chunk 11 sent to 239.0.0.1",
                                "chunk 10 sent to 239.0.0.1")));
        viewer().queryParam("node", "node-b")
                .queryParam("session", SESSION + "," + OTHER)
                .get("/api/v1/logs")
                .then()
                .body("lines.size()", equalTo(5))
                .body("lines[0].sessionId", equalTo(OTHER));
    }

    @Test
    void cursorPagesThroughEverythingOnce() {
        Set<Long> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = viewer().queryParam("session", SESSION).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page =
                    request.get("/api/v1/logs").then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("lines.id", Long.class);
            for (Long id : ids) {
                assertThat(seen.add(id)).as("id %s returned twice", id).isTrue();
            }
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).hasSize(31);
    }

    @Test
    void refusesAnonymousCallsAndBadInputWithProblemJson() {
        given().get("/api/v1/logs").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.forGroups("auditor"))
                .get("/api/v1/logs")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        viewer().queryParam("limit", 0)
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/invalid-log-query"));
        viewer().queryParam("regex", "(")
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .body("detail", startsWith("regex: invalid regex"));
        viewer().queryParam("cursor", "garbage!").get("/api/v1/logs").then().statusCode(400);
        viewer().queryParam("from", "yesterday").get("/api/v1/logs").then().statusCode(400);
    }

    @Test
    void sessionLogDownloadsInMulticastLogStyle() {
        String text = viewer().get("/api/v1/sessions/" + SESSION + "/log")
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"multicast.log." + SESSION + "\"")
                .extract()
                .asString();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0))
                .matches(
                        "\\[\\d\\d-\\d\\d-\\d\\d \\d{1,2}:\\d\\d:\\d\\d [ap]m\\] ERROR sender-service@node-a \\| chunk 0 sent to 239\\.0\\.0\\.1");
        assertThat(lines).hasSize(33); // 31 lines + 2 exception lines
        assertThat(lines.get(30)).endsWith("| receiver 10.0.0.9 timed out");
        assertThat(lines.get(31)).isEqualTo("    java.io.IOException: gone");
        assertThat(lines.get(32)).isEqualTo("    at x.y(Z.java:1)");
        viewer().get("/api/v1/sessions/nope-" + RUN + "/log")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void liveTailStreamsNewMatchingLines() throws Exception {
        String session = "tail-" + RUN;
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/logs/tail?session=" + session + "&level=error"))
                .header("Authorization", "Bearer " + TestTokens.viewer())
                .header("Accept", "text/event-stream")
                .build();
        int before = tail.subscriberCount();
        CompletableFuture<HttpResponse<java.io.InputStream>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        // Publish only once the subscription exists, or the lines would go by before it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriberCount() > before);
        LogFixtures.publish(List.of(
                LogFixtures.line(Instant.now(), "info", "svc", "n", session, "not for the tail"),
                LogFixtures.line(Instant.now(), "error", "svc", "n", session, "tail me")));
        HttpResponse<java.io.InputStream> response = pending.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        return line.substring(5);
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String data = firstEvent.get(30, TimeUnit.SECONDS);
        Map<String, Object> event = JsonPath.from(data).getMap("");
        assertThat(event).containsEntry("message", "tail me").containsEntry("sessionId", session);
        firstEvent.cancel(true);
        response.body().close();
    }

    @Test
    void anIdleTailClientGetsEveryLineInOrder() throws Exception {
        String session = "tail-all-" + RUN;
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/logs/tail?session=" + session))
                .header("Authorization", "Bearer " + TestTokens.viewer())
                .header("Accept", "text/event-stream")
                .build();
        int before = tail.subscriberCount();
        CompletableFuture<HttpResponse<java.io.InputStream>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriberCount() > before);
        List<String> sent = new java.util.ArrayList<>();
        List<io.imagecast.events.log.LogRecord> logs = new java.util.ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            sent.add("line " + i);
            logs.add(LogFixtures.line(now.plusMillis(i), "info", "svc", "n", session, "line " + i));
        }
        LogFixtures.publish(logs);
        HttpResponse<java.io.InputStream> response = pending.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        received.add(JsonPath.from(line.substring(5)).getString("message"));
                    }
                }
            } catch (java.io.IOException e) {
                // the stream is closed below once the lines are in
            }
        });
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(received).containsExactlyElementsOf(sent));
        } finally {
            reading.cancel(true);
            response.body().close();
        }
    }

    @Test
    void exposesShipperAndIngestMetrics() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("imagecast_logs_ingested_total");
        assertThat(metrics).contains("imagecast_log_shipper_dropped_total");
    }
}
