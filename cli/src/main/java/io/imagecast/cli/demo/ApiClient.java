package io.imagecast.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP with the bearer token; errors become {@link DemoException}s built from problem+json. */
final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Status of a {@link Reply} when no HTTP answer came at all. */
    static final int UNREACHABLE = -1;

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String token;

    ApiClient(String token) {
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    record Reply(int status, JsonNode body, String etag) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth asking again: no answer (refused, timed out), a server error, or too many requests. */
        boolean transientFailure() {
            return status == UNREACHABLE || status >= 500 || status == 429;
        }

        /** "title: detail" of an RFC 9457 problem, with its diagnosis or field errors when present. */
        String problem() {
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

    JsonNode get(String url) {
        Reply reply = call("GET", url, null, Map.of());
        if (!reply.ok()) {
            throw new DemoException("GET " + url + " answered " + reply.problem());
        }
        return reply.body();
    }

    Reply call(String method, String url, Object body, Map<String, String> headers) {
        Reply reply = attempt(method, url, body, headers);
        if (reply.status() == UNREACHABLE) {
            throw new DemoException("cannot reach " + URI.create(url).resolve("/") + " ("
                    + reply.body().asText() + "); is the stack running? `./imagecast status`");
        }
        return reply;
    }

    /**
     * Like {@link #call}, but a connection that fails (refused, reset, timed out) comes back as a reply with
     * status {@link #UNREACHABLE} and the error as its body, so callers can retry it like a 5xx.
     */
    Reply attempt(String method, String url, Object body, Map<String, String> headers) {
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
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            return new Reply(UNREACHABLE, json.getNodeFactory().textNode(describe(e)), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while calling " + url);
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
