package io.imagecast.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP with the bearer token; errors become {@link ApiException}s built from problem+json. */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Status of a {@link Reply} when no HTTP answer came at all. */
    public static final int UNREACHABLE = -1;

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String token;

    public ApiClient(String token) {
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public record Reply(int status, JsonNode body, String etag, Map<String, String> headers) {
        public Reply(int status, JsonNode body, String etag) {
            this(status, body, etag, Map.of());
        }

        /** A response header (first value), null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth asking again: no answer (refused, timed out), a server error, or too many requests. */
        public boolean transientFailure() {
            return status == UNREACHABLE || status >= 500 || status == 429;
        }

        /** "title: detail" of an RFC 9457 problem, with its diagnosis or field errors when present. */
        public String problem() {
            if (status == UNREACHABLE) {
                return "no answer (" + body.asText() + ")";
            }
            StringBuilder text = new StringBuilder("HTTP " + status);
            if (body.hasNonNull("title")) {
                text.append(" ").append(body.get("title").asText());
            }
            if (body.hasNonNull("detail")) {
                text.append(": ").append(body.get("detail").asText());
            }
            for (String extra : new String[] {"errors", "diagnosis", "reason"}) {
                if (body.hasNonNull(extra)) {
                    text.append(" ").append(extra).append("=").append(body.get(extra));
                }
            }
            if (!body.isObject() && !body.isMissingNode()) {
                text.append(": ").append(body.asText());
            }
            return text.toString();
        }
    }

    public JsonNode get(String url) {
        Reply reply = call("GET", url, null, Map.of());
        if (!reply.ok()) {
            throw ApiException.of("GET " + url, reply);
        }
        return reply.body();
    }

    public Reply call(String method, String url, Object body, Map<String, String> headers) {
        Reply reply = attempt(method, url, body, headers);
        if (reply.status() == UNREACHABLE) {
            throw new ApiException(
                    ExitCodes.UNREACHABLE,
                    "cannot reach " + URI.create(url).resolve("/") + " ("
                            + reply.body().asText() + "); is the stack running? `./imagecast status`");
        }
        return reply;
    }

    /**
     * Like {@link #call}, but a connection that fails (refused, reset, timed out) comes back as a reply with
     * status {@link #UNREACHABLE} and the error as its body, so callers can retry it like a 5xx.
     */
    public Reply attempt(String method, String url, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    read(response.body()),
                    response.headers().firstValue("ETag").orElse(null),
                    firstValues(response));
        } catch (IOException e) {
            return new Reply(UNREACHABLE, json.getNodeFactory().textNode(describe(e)), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(1, "interrupted while calling " + url);
        }
    }

    /** One Server-Sent Event: its name ("message" when unnamed) and its data lines joined. */
    public record SseEvent(String name, String data) {}

    /**
     * Follows a Server-Sent Events stream until the server ends it or {@code onEvent} returns false.
     * A refused request fails with the problem+json it answered, like {@link #get}.
     */
    public void follow(String url, java.util.function.Predicate<SseEvent> onEvent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream, application/problem+json")
                .GET()
                .build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(
                    ExitCodes.UNREACHABLE, "cannot reach " + URI.create(url).resolve("/") + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ExitCodes.FAILURE, "interrupted while calling " + url);
        }
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() / 100 != 2) {
                StringBuilder text = new StringBuilder();
                lines.lines().forEach(text::append);
                throw ApiException.of("GET " + url, new Reply(response.statusCode(), read(text.toString()), null));
            }
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0 && !onEvent.test(new SseEvent(name, data.toString()))) {
                        return;
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            throw new ApiException(ExitCodes.UNREACHABLE, "the stream from " + url + " broke (" + describe(e) + ")");
        }
    }

    /** A plain-text resource, e.g. a session log; failures carry the problem+json the server sent. */
    public String text(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/plain, application/problem+json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw ApiException.of("GET " + url, new Reply(response.statusCode(), read(response.body()), null));
            }
            return response.body();
        } catch (IOException e) {
            throw new ApiException(
                    ExitCodes.UNREACHABLE, "cannot reach " + URI.create(url).resolve("/") + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ExitCodes.FAILURE, "interrupted while calling " + url);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }

    private JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    private static Map<String, String> firstValues(HttpResponse<?> response) {
        Map<String, String> first = new java.util.HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
            }
        });
        return first;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
