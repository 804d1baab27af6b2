package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.imagecast.cli.api.ApiClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's session poll against a fake session-service that fails the way a real one can. */
class SessionWatchTest {
    private static final SessionWatch.Backoff FAST =
            new SessionWatch.Backoff(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(400));

    private final List<String> said = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** GETs answer 500 for the first {@code failures} requests, then 200; POST /cancel answers 200. */
    private String serve(int failures) throws IOException {
        AtomicInteger gets = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/sessions/s1", exchange -> {
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            int status;
            String body;
            if (exchange.getRequestURI().getPath().endsWith("/cancel")) {
                status = 200;
                body = "{\"id\":\"s1\",\"state\":\"CANCELLED\"}";
            } else if (gets.getAndIncrement() < failures) {
                status = 500;
                body = "{\"title\":\"Internal Server Error\",\"status\":500}";
            } else {
                status = 200;
                body = "{\"id\":\"s1\",\"state\":\"TRANSFERRING\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/sessions/s1";
    }

    private SessionWatch watch(String url) {
        return new SessionWatch(new ApiClient("token"), url, FAST, said::add);
    }

    @Test
    void aFewServerErrorsAreRetriedAndTheSessionIsLeftAlone() throws Exception {
        String url = serve(3);

        assertThat(watch(url).view().path("state").asText()).isEqualTo("TRANSFERRING");

        assertThat(requests).containsOnly("GET /api/v1/sessions/s1").hasSize(4);
        assertThat(said).anyMatch(line -> line.contains("HTTP 500") && line.contains("retrying"));
        assertThat(said).anyMatch(line -> line.contains("answers again"));
    }

    @Test
    void lastingServerErrorsCancelTheSessionAndSayWhy() throws Exception {
        String url = serve(Integer.MAX_VALUE);

        assertThatThrownBy(() -> watch(url).view())
                .isInstanceOf(DemoException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("the session was cancelled");

        assertThat(requests).contains("POST /api/v1/sessions/s1/cancel");
        // bounded: 400 ms of pauses between 10 and 40 ms is a handful of attempts, not hundreds
        assertThat(requests.stream().filter(r -> r.startsWith("GET"))).hasSizeBetween(3, 20);
        assertThat(said).anyMatch(line -> line.startsWith("giving up: ") && line.contains("HTTP 500"));
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithTheFailedCancel() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/api/v1/sessions/s1";

        assertThatThrownBy(() -> watch(url).view())
                .isInstanceOf(DemoException.class)
                .hasMessageContaining("no answer")
                .hasMessageContaining("cancelling it failed too");

        assertThat(said).anyMatch(line -> line.contains("retrying"));
        assertThat(said).anyMatch(line -> line.startsWith("cancelling the session failed"));
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        String url = serve(0).replace("/s1", "/unknown");

        assertThatThrownBy(() -> watch(url).view()).hasMessageContaining("HTTP 404");

        assertThat(said).noneMatch(line -> line.contains("retrying"));
    }

    @Test
    void senderSilenceIsReportedOnlyWhileTransferringAndAfterMissedProgressReports() throws IOException {
        Instant now = Instant.parse("2026-12-03T10:00:10Z");
        ObjectMapper json = new ObjectMapper();

        assertThat(SessionWatch.senderSilence(
                        json.readTree("{\"state\":\"TRANSFERRING\",\"lastSenderActivity\":\"2026-12-03T10:00:04Z\"}"),
                        now))
                .contains(Duration.ofSeconds(6));
        assertThat(SessionWatch.senderSilence(
                        json.readTree("{\"state\":\"TRANSFERRING\",\"lastSenderActivity\":\"2026-12-03T10:00:09Z\"}"),
                        now))
                .as("one missed progress report is no silence yet")
                .isEmpty();
        assertThat(SessionWatch.senderSilence(
                        json.readTree("{\"state\":\"FAILED\",\"lastSenderActivity\":\"2026-12-03T10:00:00Z\"}"), now))
                .as("an ended session has its reason instead")
                .isEmpty();
        assertThat(SessionWatch.senderSilence(json.readTree("{\"state\":\"TRANSFERRING\"}"), now))
                .isEmpty();
    }
}
