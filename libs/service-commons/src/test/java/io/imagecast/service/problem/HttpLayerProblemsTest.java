package io.imagecast.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer's refusals on a real Vert.x server and router, the way Quarkus sets them up:
 * every one a problem document, decided before the route's handler runs.
 */
@Tag("abuse")
class HttpLayerProblemsTest {
    private static Vertx vertx;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new HttpLayerProblems(size(1024 * 1024), limits()).install(router);
        router.route("/small").handler(context -> context.response().end("read"));
        router.route("/big").handler(context -> context.response().end("read"));
        router.route("/echo-length").handler(context -> {
            if (context.body().available()) {
                context.response().end("read " + context.body().length());
            } else {
                context.request().body().onSuccess(body -> context.response().end("read " + body.length()));
            }
        });
        HttpServer server = vertx.createHttpServer(
                        new HttpServerOptions().setMaxInitialLineLength(65_536).setMaxHeaderSize(65_536))
                .requestHandler(router);
        port = server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS)
                .actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anOrdinaryRequestReachesItsRoute() throws Exception {
        assertThat(send("GET /small HTTP/1.1", "")).startsWith("HTTP/1.1 200").endsWith("read");
    }

    @Test
    void aRequestTargetOverTheLimitIs414() throws Exception {
        String answer = send("GET /small?q=" + "a".repeat(5_000) + " HTTP/1.1", "");
        assertProblem(answer, 414);
        assertThat(answer).contains("\"limit\":4096");
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        String answer = send("GET /small HTTP/1.1", "X-Padding: " + "b".repeat(21_000) + "\r\n");
        assertProblem(answer, 431);
        assertThat(answer).contains("\"limit\":20480");
    }

    @Test
    void aBodyOverItsRoutesLimitIs413BeforeItIsSent() throws Exception {
        String small = send("POST /small HTTP/1.1", "Content-Length: 65537\r\n");
        assertProblem(small, 413);
        assertThat(small).contains("\"limit\":65536");
        String big = send("POST /big HTTP/1.1", "Content-Length: " + 9_700 * 1024 + "\r\n");
        assertProblem(big, 413);
        assertThat(big).contains("\"limit\":1048576");
    }

    @Test
    void aBodyWithinItsRoutesLimitIsRead() throws Exception {
        String body = "x".repeat(100_000);
        assertThat(send("POST /big HTTP/1.1", "Content-Length: " + body.length() + "\r\n", body))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aChunkedBodyOverItsRoutesLimitIs413() throws Exception {
        String answer = send("POST /small HTTP/1.1", "Transfer-Encoding: chunked\r\n", chunked(70_000));
        assertProblem(answer, 413);
        assertThat(answer).contains("\"limit\":65536");
    }

    @Test
    void aChunkedBodyWithinItsRoutesLimitReachesTheRouteWhole() throws Exception {
        String answer = send("POST /echo-length HTTP/1.1", "Transfer-Encoding: chunked\r\n", chunked(60_000));
        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("read 60000");
    }

    @Test
    void aRequestTargetThatIsNoUriIs400() throws Exception {
        assertProblem(send("GET /small{x} HTTP/1.1", ""), 400);
        assertProblem(send("GET /small?q=a|b HTTP/1.1", ""), 400);
    }

    @Test
    void aMalformedPercentEscapeIs400() throws Exception {
        assertProblem(send("GET /small%zz HTTP/1.1", ""), 400);
        assertProblem(send("GET /%%30 HTTP/1.1", ""), 400);
    }

    private static void assertProblem(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status);
    }

    private static String send(String requestLine, String headers) throws Exception {
        return send(requestLine, headers, "");
    }

    private static String send(String requestLine, String headers, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // Generous: on a loaded machine the first request to a fresh server can take seconds.
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code bytes} bytes of body in chunks of 8 KiB, as chunked transfer coding. */
    private static String chunked(int bytes) {
        StringBuilder body = new StringBuilder();
        for (int sent = 0; sent < bytes; sent += 8192) {
            int size = Math.min(8192, bytes - sent);
            body.append(Integer.toHexString(size))
                    .append("\r\n")
                    .append("c".repeat(size))
                    .append("\r\n");
        }
        return body.append("0\r\n\r\n").toString();
    }

    private static MemorySize size(long bytes) {
        return new MemorySize(BigInteger.valueOf(bytes));
    }

    private static HttpLimits limits() {
        return new HttpLimits() {
            @Override
            public int maxUriLength() {
                return 4096;
            }

            @Override
            public MemorySize maxHeaderSize() {
                return size(20 * 1024);
            }

            @Override
            public BodyLimit bodyLimit() {
                return new BodyLimit() {
                    @Override
                    public MemorySize standard() {
                        return size(64 * 1024);
                    }

                    @Override
                    public Map<String, MemorySize> paths() {
                        return Map.of("/big", size(1024 * 1024));
                    }
                };
            }
        };
    }
}
