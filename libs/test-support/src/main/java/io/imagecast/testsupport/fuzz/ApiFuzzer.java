package io.imagecast.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fuzzes every operation of a running service's OpenAPI document with hostile requests and checks
 * what every answer must be: never a 5xx; every 4xx an RFC 9457 problem document with {@code type},
 * {@code title} and the right {@code status}; a field error naming a field; nothing under
 * {@code /api/} served without a valid token, nor a write served to a token without its role; an
 * oversized body never accepted.
 *
 * <p>Seeded: the run prints its seed, each failure its case number, and {@code
 * -Dimagecast.fuzz.seed=S -Dimagecast.fuzz.case=N} sends exactly that request again. {@code
 * -Dimagecast.fuzz.tries} sets the number of requests per service.
 */
public final class ApiFuzzer {
    public static final String TRIES_PROPERTY = "imagecast.fuzz.tries";
    public static final String SEED_PROPERTY = "imagecast.fuzz.seed";
    public static final String CASE_PROPERTY = "imagecast.fuzz.case";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FAILURES_SHOWN = 15;

    /**
     * Vert.x's decoder limits (quarkus.http.limits.max-initial-line-length and max-header-size in
     * the services): a request line or head beyond them cannot be parsed, and Vert.x answers an
     * empty 414 or 431 that no application hook can replace.
     */
    private static final int DECODER_LIMIT = 64 * 1024;

    private final String service;
    private final String host;
    private final int port;

    private ApiFuzzer(String service, String host, int port) {
        this.service = service;
        this.host = host;
        this.port = port;
    }

    public static ApiFuzzer of(String service, int port) {
        return new ApiFuzzer(service, "127.0.0.1", port);
    }

    /** What a run did: requests sent, answers by status, and each broken rule with its case. */
    public record Report(
            String service,
            long seed,
            int operations,
            int requests,
            Map<Integer, Integer> statuses,
            Map<String, Integer> requestsByOperation,
            List<String> failures) {

        public int serverErrors() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 500 || e.getKey() < 0)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "[fuzz] %s: %d requests over %d operations, seed %d, 5xx or no answer: %d, broken rules: %d,"
                            + " statuses %s",
                    service,
                    requests,
                    operations,
                    seed,
                    serverErrors(),
                    failures.size(),
                    statuses);
        }
    }

    /** Runs the number of requests set by {@link #TRIES_PROPERTY}, or {@code defaultTries}. */
    public Report run(int defaultTries) {
        long seed = Long.getLong(SEED_PROPERTY, new SecureRandom().nextLong());
        int tries = Integer.getInteger(TRIES_PROPERTY, defaultTries);
        Integer only = Integer.getInteger(CASE_PROPERTY);
        List<Operation> operations = operations();
        HostileRequests requests = new HostileRequests(host, port, operations);
        System.out.printf(
                Locale.ROOT,
                "[fuzz] %s: seed %d, %d requests over %d operations (-D%s=%d reproduces)%n",
                service,
                seed,
                only == null ? tries : 1,
                operations.size(),
                SEED_PROPERTY,
                seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> byOperation = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failureKinds = new LinkedHashMap<>();
        int sent = 0;
        for (int i = only == null ? 0 : only; i < (only == null ? tries : only + 1); i++) {
            FuzzCase request = requests.generate(caseSeed(seed, i));
            RawHttp.Response response = RawHttp.send(host, port, request.head(), request.body());
            sent++;
            statuses.merge(response.status(), 1, Integer::sum);
            byOperation.merge(request.operation().toString(), 1, Integer::sum);
            for (String broken : check(request, response)) {
                // The same rule broken the same way on the same operation is reported once, with a count.
                String kind = request.operation() + " | " + broken.replaceAll("\\d+", "#");
                if (failureKinds.merge(kind, 1, Integer::sum) == 1 && failures.size() < 200) {
                    failures.add(String.format(
                            Locale.ROOT,
                            "case %d (-D%s=%d -D%s=%d): %s%n  mutation: %s%n  answer: %d %s %s%n  request:%n%s",
                            i,
                            SEED_PROPERTY,
                            seed,
                            CASE_PROPERTY,
                            i,
                            broken,
                            request.mutation(),
                            response.status(),
                            response.header("content-type"),
                            abbreviate(response.failure() != null ? response.failure() : response.bodyText(), 300),
                            indent(request.printable())));
                }
            }
        }
        Report report = new Report(service, seed, operations.size(), sent, statuses, byOperation, failures);
        System.out.println(report.summary());
        failures.stream().limit(FAILURES_SHOWN).forEach(System.out::println);
        return report;
    }

    /** Every case's own seed, so that one case is reproduced without the ones before it. */
    static long caseSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private List<Operation> operations() {
        byte[] head = ("GET /q/openapi?format=json HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nConnection: close\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response response = RawHttp.send(host, port, head, new byte[0]);
        if (response.status() != 200) {
            throw new IllegalStateException(service + " serves no OpenAPI document at /q/openapi: " + response.status()
                    + " " + response.failure());
        }
        List<Operation> operations = OpenApiDocument.parse(response.body()).operations();
        if (operations.isEmpty()) {
            throw new IllegalStateException(service + "'s OpenAPI document lists no operation");
        }
        return operations;
    }

    /** The rules an answer breaks; empty when it keeps them all. */
    static List<String> check(FuzzCase request, RawHttp.Response response) {
        List<String> broken = new ArrayList<>();
        int status = response.status();
        if (status < 0) {
            broken.add("no answer: " + response.failure());
            return broken;
        }
        if (status >= 500) {
            broken.add("a " + status + " answer");
        }
        Operation operation = request.operation();
        boolean success = status < 400;
        if (success && operation.secured() && !request.auth().authenticated()) {
            broken.add("served " + status + " to a request with credentials " + request.auth());
        }
        if (success
                && operation.secured()
                && !operation.reads()
                && (request.auth() == FuzzCase.Auth.VIEWER_ONLY || request.auth() == FuzzCase.Auth.NO_ROLES)) {
            broken.add("a write served " + status + " to a token with role " + request.auth());
        }
        if (success && request.oversizedBody()) {
            broken.add("an oversized body accepted with " + status);
        }
        boolean unparsable = (status == 414 || status == 431) && request.head().length > DECODER_LIMIT;
        if (status >= 400 && !unparsable) {
            broken.addAll(checkProblem(request, response));
        }
        return broken;
    }

    private static List<String> checkProblem(FuzzCase request, RawHttp.Response response) {
        List<String> broken = new ArrayList<>();
        int status = response.status();
        String contentType = response.header("content-type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            broken.add("a " + status + " answer of type " + contentType + ", not application/problem+json");
            return broken;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (Exception e) {
            broken.add("a " + status + " problem that is no JSON");
            return broken;
        }
        if (problem == null || !problem.isObject()) {
            broken.add("a " + status + " problem that is no JSON object");
            return broken;
        }
        if (!problem.path("type").isTextual() || problem.path("type").asText().isBlank()) {
            broken.add("a " + status + " problem without type");
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
            broken.add("a " + status + " problem without title");
        }
        if (problem.path("status").asInt(-1) != status) {
            broken.add("a " + status + " problem whose status member is " + problem.get("status"));
        }
        for (JsonNode error : problem.path("errors")) {
            if (!error.path("field").isTextual() || error.path("field").asText().isBlank()) {
                broken.add("a field error without a field: " + error);
            }
        }
        if (status == 400
                && problem.path("type").asText().endsWith("/validation-failed")
                && !request.names().isEmpty()
                && !namesAField(problem, request)) {
            broken.add("a validation problem that names none of the request's fields");
        }
        return broken;
    }

    private static boolean namesAField(JsonNode problem, FuzzCase request) {
        String text = (problem.path("detail").asText("") + " " + problem.path("errors")).toLowerCase(Locale.ROOT);
        return request.names().stream().anyMatch(name -> text.contains(name.toLowerCase(Locale.ROOT)));
    }

    private static String abbreviate(String text, int length) {
        return text.length() > length ? text.substring(0, length) + "…" : text;
    }

    private static String indent(String text) {
        return "    " + text.replace("\r\n", "\n").replace("\n", "\n    ");
    }
}
