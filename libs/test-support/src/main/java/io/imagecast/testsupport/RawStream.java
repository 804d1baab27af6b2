package io.imagecast.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A streaming GET (Server-Sent Events) over a plain socket, so a test decides when the client hangs
 * up and can hold a thousand of them without a thread each. HTTP/1.1, one request per connection.
 */
public final class RawStream implements AutoCloseable {
    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawStream(Socket socket) {
        this.socket = socket;
    }

    /** Connects and sends {@code GET target} with the bearer token; does not wait for an answer. */
    public static RawStream open(String host, int port, String target, String token) throws IOException {
        Socket socket = new Socket(host, port);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n"
                            + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new RawStream(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The answer's status code, waiting at most {@code timeout}; -1 when no status line came in
     * that time (a stream that is open but has sent nothing yet) or the server closed without one.
     */
    public int status(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        while (firstLineEnd() < 0) {
            // Past the deadline, bytes already received are still taken (1 ms), nothing is waited for.
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            socket.setSoTimeout((int) Math.max(1, left));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return -1;
            }
            if (b < 0) {
                return -1;
            }
            received.write(b);
        }
        String[] parts = received.toString(StandardCharsets.US_ASCII)
                .substring(0, firstLineEnd())
                .split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    /** Everything received up to the server's close (the request asked for it), at most {@code timeout}. */
    public String readToEnd(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        received.write(socket.getInputStream().readAllBytes());
        return received.toString(StandardCharsets.UTF_8);
    }

    private int firstLineEnd() {
        return received.toString(StandardCharsets.US_ASCII).indexOf("\r\n");
    }

    /** Hangs up. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
