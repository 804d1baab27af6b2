package io.imagecast.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.imagecast.cli.ImagecastCli;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exit code of `sessions watch` for outcomes the CLI's end-to-end test cannot reach without
 * receivers (COMPLETED, PARTIAL), from a stream shaped like session-service's.
 */
class WatchSessionTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(String... states) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/sessions/s1/events", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                long version = 1;
                for (String state : states) {
                    String view = "{\"id\":\"s1\",\"name\":\"lab\",\"state\":\"" + state + "\",\"progress\":"
                            + "{\"bytesSent\":50,\"totalBytes\":100,\"bitsPerSecond\":8000000,\"receiversJoined\":1},"
                            + "\"receivers\":[{\"name\":\"pc1\",\"state\":\"" + state
                            + "\",\"acknowledgedBytes\":50}]}";
                    body.write(("event: session\nid: " + version++ + "\ndata: " + view + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    body.flush();
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int watch(String url, StringWriter out) {
        var cli = ImagecastCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute("sessions", "watch", "s1", "--session-url", url, "--token", "t");
    }

    @Test
    void completedExitsZeroWithTheBars() throws Exception {
        StringWriter out = new StringWriter();

        int code = watch(serve("TRANSFERRING", "COMPLETED"), out);

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("TRANSFERRING 50.0% of 100 B 8.0 Mbit/s, 1 joined")
                .contains("pc1  [##############################] 100.0%  COMPLETED")
                .contains("Outcome: COMPLETED")
                .doesNotContain("\u001b[");
    }

    @Test
    void partialExitsOne() throws Exception {
        StringWriter out = new StringWriter();

        int code = watch(serve("TRANSFERRING", "PARTIAL"), out);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("pc1  [###############---------------]  50.0%  PARTIAL");
    }
}
