package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Limits of the HTTP layer: a body larger than its endpoint can validly be is refused from its
 * Content-Length before it is read, and a request target or header block that is too long gets a
 * problem document too.
 */
@Tag("abuse")
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class HttpLimitsTest extends SessionTestSupport {
    private static final int SESSION_BODY_LIMIT = 1024 * 1024;
    private static final long HUGE = 9_700L * 1024; // 9.7 MiB, some 490,000 host objects

    @Test
    void theLargestValidSessionBodyIsReadAndValidated() {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            // Every field at its longest: a 128-character name, a MAC, a 15-character IPv4 address.
            hosts.append(i == 0 ? "" : ",")
                    .append(String.format(
                            "{\"name\":\"h%04d%s\",\"mac\":\"00:11:22:00:%02x:%02x\",\"ip\":\"172.%d.%d.200\"}",
                            i, "x".repeat(123), i >> 8, i & 0xff, 100 + i / 100, 100 + i % 100));
        }
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            files.append(i == 0 ? "" : ",").append(String.format("\"f%03d%s\"", i, "x".repeat(124)));
        }
        String body = "{\"name\":\"" + unique("big") + "\",\"storageGroup\":\"" + unique("nogroup")
                + "\",\"image\":{\"dir\":\"win10\",\"files\":[" + files + "]},\"hosts\":[" + hosts + "]}";
        assertThat(body.length()).isBetween(410_000, SESSION_BODY_LIMIT);
        // Read, deserialised and validated: the group is unknown, so 404, not 413.
        operator()
                .body(body)
                .post("/api/v1/sessions")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://imagecast.io/problems/unknown-group"));
    }

    @Test
    void fourConcurrentHugeSessionBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> postStartingAHugeBody("/api/v1/sessions")));
            }
            for (Future<String> answer : answers) {
                String response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response).startsWith("HTTP/1.1 413");
                assertThat(response).containsIgnoringCase("content-type: application/problem+json");
                assertThat(response)
                        .contains("\"status\":413")
                        .contains("limit of " + SESSION_BODY_LIMIT + " bytes")
                        .contains("\"limit\":" + SESSION_BODY_LIMIT);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEndpointWithASmallBodyHasASmallLimit() throws Exception {
        String response = raw(
                "POST /api/v1/sessions/00000000-0000-0000-0000-000000000000/cancel HTTP/1.1",
                "Content-Type: application/json\r\nContent-Length: 100000\r\n");
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("\"limit\":65536");
    }

    @Test
    void aRequestLineThatIsTooLongIsAProblemDocument() throws Exception {
        String response = raw("GET /api/v1/sessions?name=" + "a".repeat(20_000) + " HTTP/1.1", "");
        assertThat(response).startsWith("HTTP/1.1 414");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json");
        assertThat(response).contains("\"status\":414");
    }

    @Test
    void aHeaderBlockThatIsTooLargeIsAProblemDocument() throws Exception {
        String response = raw("GET /api/v1/sessions HTTP/1.1", "X-Padding: " + "b".repeat(40_000) + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json");
        assertThat(response).contains("\"status\":431");
    }

    @Test
    void aMalformedPercentEscapeIsAProblemDocument() throws Exception {
        for (String target : List.of("/%zz", "/api/v1/sessions/%zz", "/api/v1/sessions?name=%zz", "/api/{x}")) {
            String response = raw("GET " + target + " HTTP/1.1", "");
            assertThat(response).as(target).startsWith("HTTP/1.1 400");
            assertThat(response).as(target).containsIgnoringCase("content-type: application/problem+json");
            assertThat(response).as(target).contains("\"status\":400");
        }
    }

    @Test
    void aChunkedBodyOverItsEndpointsLimitIsRefusedWhileItArrives() throws Exception {
        // Over the cancel endpoint's limit, without a Content-Length to judge it by up front.
        String response = raw(
                "POST /api/v1/sessions/00000000-0000-0000-0000-000000000000/cancel HTTP/1.1",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                chunked("{\"reason\":\"" + "r".repeat(70_000) + "\"}"));
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json");
        assertThat(response).contains("\"limit\":65536");
    }

    @Test
    void aChunkedBodyWithinItsEndpointsLimitIsReadAndValidated() throws Exception {
        String response = raw(
                "POST /api/v1/sessions HTTP/1.1",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                chunked("{\"name\":\"" + unique("chunked") + "\",\"storageGroup\":\"" + unique("nogroup")
                        + "\",\"image\":{\"dir\":\"win10\",\"files\":[\"d1p1\"]},"
                        + "\"hosts\":[{\"name\":\"pc1\",\"mac\":\"00:11:22:00:00:01\",\"ip\":\"172.100.100.200\"}]}"));
        // Read whole and deserialised: the group is unknown, so 404, not 400 or 413.
        assertThat(response).startsWith("HTTP/1.1 404");
        assertThat(response).contains("https://imagecast.io/problems/unknown-group");
    }

    @Test
    void anArrayWhereTheSessionObjectBelongsSaysSo() {
        operator()
                .body("[]")
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("must be a JSON object"));
    }

    /** Headers and the first 64 KiB of a 9.7 MiB body; the answer must come without the rest. */
    private static String postStartingAHugeBody(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + TestTokens.operator() + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + HUGE + "\r\n\r\n{\"hosts\":[")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "{\"name\":\"h\",\"ip\":\"10.0.0.1\"},".repeat(2_300).getBytes(StandardCharsets.US_ASCII);
            out.write(chunk);
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** HTTP/1.1 by hand: RestAssured refuses to send a malformed or oversized request. */
    private static String raw(String requestLine, String extraHeaders) throws Exception {
        return raw(requestLine, extraHeaders, "");
    }

    private static String raw(String requestLine, String extraHeaders, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.operator()
                    + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** The body in chunks of 8 KiB, as chunked transfer coding. */
    private static String chunked(String body) {
        StringBuilder out = new StringBuilder();
        for (int offset = 0; offset < body.length(); offset += 8192) {
            String chunk = body.substring(offset, Math.min(body.length(), offset + 8192));
            out.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
