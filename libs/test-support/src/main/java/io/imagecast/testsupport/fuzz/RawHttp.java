package io.imagecast.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the request goes out byte for byte as
 * built (malformed escapes, duplicate keys and chunked bodies included), which no ordinary client
 * allows.
 */
final class RawHttp {
    private static final int READ_TIMEOUT_MS = 20_000;
    private static final int MAX_HEAD = 256 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final int WRITE_SLICE = 8 * 1024;

    private RawHttp() {}

    /** What came back; {@code status} is -1 when the server closed without an answer. */
    record Response(int status, Map<String, String> headers, byte[] body, String failure) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response send(String host, int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(head);
                // A server may refuse a body before reading it (413 on Content-Length): stop sending
                // once its answer arrives, or the unread rest would reset the connection.
                for (int offset = 0; offset < body.length && in.available() == 0; offset += WRITE_SLICE) {
                    out.write(body, offset, Math.min(WRITE_SLICE, body.length - offset));
                }
                out.flush();
            } catch (IOException e) {
                // The server closed while the body was on its way; its answer may still be readable.
            }
            return read(in);
        } catch (SocketTimeoutException e) {
            return new Response(-1, Map.of(), new byte[0], "no answer within " + READ_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], "connection failed: " + e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return new Response(-1, Map.of(), headBytes.toByteArray(), "closed without a complete answer");
            }
            headBytes.write(b);
            last4 = (last4 << 8) | b;
            if (headBytes.size() > MAX_HEAD) {
                throw new IOException("response head larger than " + MAX_HEAD);
            }
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        if (status == 100) {
            return read(in);
        }
        String type = headers.getOrDefault("content-type", "");
        if (type.startsWith("text/event-stream")) {
            // A stream that stays open: the head is the answer.
            return new Response(status, headers, new byte[0], null);
        }
        String length = headers.get("content-length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes((int) Math.min(Long.parseLong(length), MAX_BODY));
        } else if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
            body = readChunked(in);
        } else {
            body = in.readNBytes(MAX_BODY);
        }
        return new Response(status, headers, body, null);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < MAX_BODY) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                break;
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
        return body.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString().strip();
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
