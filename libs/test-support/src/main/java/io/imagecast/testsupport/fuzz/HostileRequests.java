package io.imagecast.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.testsupport.TestTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds requests from an operation of the OpenAPI document: first a plausible one (every path
 * parameter, the required query parameters and some optional ones, a body from the schema), then
 * one hostile change to it.
 */
final class HostileRequests {
    /** A body larger than any endpoint accepts (the largest route limit is 1 MiB). */
    static final int OVERSIZED_BODY = 1_200_000;

    private static final List<String> HOSTILE_TEXT = List.of(
            "a\u0000b",
            "\u0000",
            "\uff11\uff12\uff13",
            "\uff11\uff19\uff12.\uff11\uff16\uff18.\uff10.\uff11",
            "\u202egnp.exe",
            "\u0645\u0631\u062d\u0628\u0627",
            "\ud83d\ude00\ud83d\udd25",
            "e\u0301\u200b",
            "\ud800",
            "\udfff",
            "\u0001\u001f\u007f",
            "a\nb",
            "a\r\nX-Injected: 1",
            "\n",
            "",
            " ",
            "HALF ",
            "x".repeat(100_000),
            "y".repeat(3_000),
            "../../etc/passwd",
            "/..",
            "' OR '1'='1",
            "%",
            "%_",
            ".*.*.*.*.*.*.*.*.*.*.*.*.*.*",
            "(a+)+$",
            "a{1000000}",
            "{}",
            "[]",
            "null",
            "true",
            "-1",
            "0",
            "1.5",
            "0x10",
            "1e309",
            "NaN",
            "Infinity",
            "99999999999999999999",
            "-9223372036854775809",
            "+1000000000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z",
            "2026-02-30T25:61:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "0000-01-01T00:00:00Z",
            "224.0.0.1",
            "255.255.255.255",
            "0.0.0.0",
            "300.1.1.1",
            "::1",
            "${jndi:ldap://x/a}",
            "<script>alert(1)</script>",
            "{job=~\".+\"}",
            "sum(rate({a=\"b\"}[99999999999d]))");
    private static final List<Object> HOSTILE_JSON = List.of(
            -1L,
            0L,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            1.5,
            -0.0,
            true,
            false,
            JsonText.NULL,
            new JsonText.Raw("1e400"),
            new JsonText.Raw("123456789012345678901234567890"),
            new JsonText.Raw("-123456789012345678901234567890.5"),
            new JsonText.Raw("[]"),
            new JsonText.Raw("{}"),
            new JsonText.Raw("[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]"),
            new JsonText.Raw("{\"a\":{\"b\":{\"c\":null}}}"),
            new JsonText.Raw("\"" + "z".repeat(70_000) + "\""));
    private static final List<String> BAD_ESCAPES =
            List.of("%zz", "%", "%4", "%%30", "%c3%28", "%ff%fe", "%u0041", "a%zzb", "%00", "%2e%2e%2f");
    private static final List<String> NOT_JSON = List.of(
            "",
            "{",
            "[]",
            "null",
            "\"text\"",
            "42",
            "{\"a\":}",
            "{'single':'quotes'}",
            "{}{}",
            "/* comment */ {}",
            "\ufeff{}",
            "{\"a\":1,}",
            "\u0000",
            "<xml/>");
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "application/json; charset=utf-16",
            "application/json;;;",
            "*/*",
            "",
            "application/octet-stream");
    private static final List<String> OTHER_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private final String host;
    private final int port;
    private final List<Operation> operations;

    HostileRequests(String host, int port, List<Operation> operations) {
        this.host = host;
        this.port = port;
        this.operations = List.copyOf(operations);
    }

    FuzzCase generate(long seed) {
        Draw draw = new Draw(seed);
        Request request = new Request(draw.pick(operations), draw);
        request.fillPlausible();
        double roll = draw.unit();
        if (roll < 0.08) {
            request.mutation = "none";
        } else if (roll < 0.34) {
            if (!request.hostileParameter()) {
                request.hostileBodyMember();
            }
        } else if (roll < 0.50) {
            if (!request.hostileBodyMember()) {
                request.hostileParameter();
            }
        } else if (roll < 0.64) {
            if (!request.hostileBodyStructure()) {
                request.hostileParameter();
            }
        } else if (roll < 0.69) {
            request.wrongContentType();
        } else if (roll < 0.76) {
            request.malformedEscape();
        } else if (roll < 0.88) {
            request.hostileCredentials();
        } else if (roll < 0.91) {
            request.otherMethod();
        } else if (roll < 0.94) {
            request.hostileAccept();
        } else if (roll < 0.97) {
            request.overLimits();
        } else {
            request.unknownPath();
        }
        return request.build();
    }

    /** A request under construction. */
    private final class Request {
        final Operation operation;
        final Draw draw;
        String method;
        String pathSuffix = "";
        final Map<String, String> pathValues = new java.util.HashMap<>();
        final List<String[]> query = new ArrayList<>();
        Object body;
        byte[] rawBody;
        String contentType;
        boolean chunked;
        final List<String> headers = new ArrayList<>();
        String accept = "*/*";
        FuzzCase.Auth auth = FuzzCase.Auth.RIGHT_ROLE;
        String authorization;
        String mutation = "none";
        boolean oversized;
        final Set<String> names = new LinkedHashSet<>();

        Request(Operation operation, Draw draw) {
            this.operation = operation;
            this.draw = draw;
            this.method = operation.method();
        }

        void fillPlausible() {
            for (Operation.Parameter parameter : operation.parameters()) {
                names.add(parameter.name());
                if (parameter.in().equals("path")) {
                    pathValues.put(
                            parameter.name(), encode(scalar(plausible(parameter.schema(), parameter.name(), 0))));
                } else if (parameter.in().equals("query") && (parameter.required() || draw.chance(0.4))) {
                    query.add(new String[] {
                        parameter.name(), encode(scalar(plausible(parameter.schema(), parameter.name(), 0)))
                    });
                }
            }
            if (operation.bodySchema() != null) {
                // JAX-RS names a missing body after the resource method's parameter.
                names.add("body");
                names.add("request");
                body = plausible(operation.bodySchema(), "", 0);
                contentType = operation.bodyMediaType();
                collectNames(operation.bodySchema(), 0);
            }
            authorization = "Bearer " + rightToken();
        }

        private String rightToken() {
            List<String> roles = operation.roles();
            if (roles.contains("viewer") && roles.size() == 1) {
                return TestTokens.viewer();
            }
            if (roles.contains("operator") && !roles.contains("admin")) {
                return TestTokens.operator();
            }
            // Admin carries every role, the right one where the document does not say.
            return TestTokens.admin();
        }

        private void collectNames(JsonNode schema, int depth) {
            if (depth > 6) {
                return;
            }
            schema.path("properties").fields().forEachRemaining(field -> {
                names.add(field.getKey());
                collectNames(field.getValue(), depth + 1);
            });
            if (schema.has("items")) {
                collectNames(schema.get("items"), depth + 1);
            }
        }

        boolean hostileParameter() {
            List<Operation.Parameter> candidates = operation.parameters().stream()
                    .filter(p -> p.in().equals("path") || p.in().equals("query"))
                    .toList();
            if (candidates.isEmpty()) {
                return false;
            }
            Operation.Parameter parameter = draw.pick(candidates);
            String value = draw.chance(0.8) ? draw.pick(HOSTILE_TEXT) : draw.unicode();
            mutation = parameter.in() + " " + parameter.name() + ": " + describe(value);
            if (parameter.in().equals("path")) {
                pathValues.put(parameter.name(), encode(value));
            } else {
                query.removeIf(pair -> pair[0].equals(parameter.name()));
                query.add(new String[] {parameter.name(), encode(value)});
            }
            return true;
        }

        boolean hostileBodyMember() {
            if (!(body instanceof JsonText.Obj obj) || obj.members().isEmpty() || !isJson()) {
                return false;
            }
            int index = draw.between(0, obj.members().size() - 1);
            Map.Entry<String, Object> member = obj.members().get(index);
            Object value = draw.chance(0.5) ? draw.pick(HOSTILE_TEXT) : draw.pick(HOSTILE_JSON);
            if (member.getValue() instanceof List<?> list && !list.isEmpty() && draw.chance(0.3)) {
                // Inside a collection: the first element turns hostile.
                List<Object> changed = new ArrayList<>(list);
                changed.set(0, value);
                value = changed;
            }
            obj.members().set(index, Map.entry(member.getKey(), value));
            mutation = "body member " + member.getKey() + ": " + describeJson(value);
            return true;
        }

        boolean hostileBodyStructure() {
            if (operation.bodySchema() == null) {
                return false;
            }
            int kind = draw.between(0, 8);
            JsonText.Obj obj = body instanceof JsonText.Obj o && isJson() ? o : null;
            switch (kind) {
                case 0 -> {
                    if (obj == null || obj.members().isEmpty()) {
                        return false;
                    }
                    Map.Entry<String, Object> member = draw.pick(obj.members());
                    obj.members().add(Map.entry(member.getKey(), draw.pick(HOSTILE_TEXT)));
                    mutation = "body: duplicate key " + member.getKey();
                }
                case 1 -> {
                    if (obj == null || obj.members().isEmpty()) {
                        return false;
                    }
                    Map.Entry<String, Object> removed =
                            obj.members().remove(draw.between(0, obj.members().size() - 1));
                    mutation = "body: missing " + removed.getKey();
                }
                case 2 -> {
                    if (obj == null) {
                        return false;
                    }
                    obj.with("unexpected" + draw.between(0, 9), draw.pick(HOSTILE_JSON));
                    mutation = "body: an extra member";
                }
                case 3 -> {
                    int depth = draw.pick(List.of(200, 2_000, 20_000));
                    String nested = draw.chance(0.5)
                            ? "[".repeat(depth) + "]".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    if (obj != null && !obj.members().isEmpty()) {
                        int index = draw.between(0, obj.members().size() - 1);
                        String name = obj.members().get(index).getKey();
                        obj.members().set(index, Map.entry(name, new JsonText.Raw(nested)));
                        mutation = "body member " + name + ": nested " + depth + " deep";
                    } else {
                        rawBody = nested.getBytes(StandardCharsets.UTF_8);
                        mutation = "body: nested " + depth + " deep";
                    }
                }
                case 4 -> {
                    String text = draw.pick(NOT_JSON);
                    rawBody = text.getBytes(StandardCharsets.UTF_8);
                    mutation = "body: not JSON " + describe(text);
                }
                case 5 -> {
                    rawBody = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'};
                    mutation = "body: invalid UTF-8";
                }
                case 6 -> {
                    oversize();
                    mutation = "body: " + rawBody.length + " bytes with Content-Length";
                }
                case 7 -> {
                    oversize();
                    chunked = true;
                    mutation = "body: " + rawBody.length + " bytes chunked";
                }
                default -> {
                    chunked = true;
                    mutation = "body: chunked";
                }
            }
            return true;
        }

        private void oversize() {
            String padding = " ".repeat(OVERSIZED_BODY);
            rawBody = (isJson() ? "{\"pad\":\"" + padding + "\"}" : "pad=" + padding).getBytes(StandardCharsets.UTF_8);
            oversized = true;
        }

        void wrongContentType() {
            if (body == null) {
                body = new JsonText.Obj().with("a", 1L);
            }
            contentType = draw.pick(CONTENT_TYPES);
            if (contentType.isEmpty() && draw.chance(0.5)) {
                contentType = null;
            }
            mutation = "content type " + (contentType == null ? "missing" : describe(contentType));
        }

        void malformedEscape() {
            String escape = draw.pick(BAD_ESCAPES);
            List<String> pathNames = new ArrayList<>(pathValues.keySet());
            if (!pathNames.isEmpty() && draw.chance(0.6)) {
                String name = draw.pick(pathNames);
                pathValues.put(name, escape);
                mutation = "path " + name + ": escape " + escape;
            } else if (draw.chance(0.5)) {
                String name = operation.parameters().stream()
                        .filter(p -> p.in().equals("query"))
                        .map(Operation.Parameter::name)
                        .findFirst()
                        .orElse("q");
                query.add(new String[] {name, escape});
                names.add(name);
                mutation = "query " + name + ": escape " + escape;
            } else {
                pathSuffix = "/" + escape;
                mutation = "path: trailing escape " + escape;
            }
        }

        void hostileCredentials() {
            int kind = draw.between(0, 7);
            switch (kind) {
                case 0 -> {
                    authorization = null;
                    auth = FuzzCase.Auth.NONE;
                }
                case 1 -> {
                    authorization = "Bearer " + TestTokens.forGroups();
                    auth = FuzzCase.Auth.NO_ROLES;
                }
                case 2 -> {
                    authorization = "Bearer " + TestTokens.viewer();
                    auth = operation.reads() ? FuzzCase.Auth.RIGHT_ROLE : FuzzCase.Auth.VIEWER_ONLY;
                }
                case 3 -> {
                    authorization = "Bearer " + TestTokens.expiredAdmin();
                    auth = FuzzCase.Auth.INVALID;
                }
                case 4 -> {
                    // One character in the middle of the signature (the last one carries unused bits).
                    String token = TestTokens.admin();
                    int at = token.lastIndexOf('.') + 20;
                    char changed = token.charAt(at) == 'A' ? 'B' : 'A';
                    authorization = "Bearer " + token.substring(0, at) + changed + token.substring(at + 1);
                    auth = FuzzCase.Auth.INVALID;
                }
                case 5 -> {
                    authorization = "Basic YWRtaW46YWRtaW4=";
                    auth = FuzzCase.Auth.INVALID;
                }
                case 6 -> {
                    authorization = "Bearer " + draw.pick(List.of("", "a.b.c", "null", "x".repeat(5_000), "e30.e30."));
                    auth = FuzzCase.Auth.INVALID;
                }
                default -> {
                    // An unsigned token (alg none) claiming every role.
                    String header = java.util.Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
                    String claims = java.util.Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(("{\"iss\":\"imagecast\",\"sub\":\"x\",\"groups\":[\"viewer\",\"operator\","
                                            + "\"admin\"],\"exp\":"
                                            + (Instant.now().getEpochSecond() + 600) + "}")
                                    .getBytes(StandardCharsets.UTF_8));
                    authorization = "Bearer " + header + "." + claims + ".";
                    auth = FuzzCase.Auth.INVALID;
                }
            }
            mutation = "credentials: " + auth + " #" + kind;
        }

        void otherMethod() {
            method = draw.pick(OTHER_METHODS.stream()
                    .filter(m -> !m.equals(operation.method()))
                    .toList());
            mutation = "method " + method;
        }

        void hostileAccept() {
            accept =
                    draw.pick(List.of("application/xml", "text/html", "image/png", "application/json;q=abc", "", "*/"));
            mutation = "accept " + describe(accept);
        }

        void overLimits() {
            int kind = draw.between(0, 3);
            switch (kind) {
                case 0 -> {
                    headers.add("X-Padding: " + "h".repeat(30_000));
                    mutation = "a 30 KB header";
                }
                case 1 -> {
                    query.add(new String[] {"pad", "u".repeat(10_000)});
                    names.add("pad");
                    mutation = "a 10 KB query";
                }
                case 2 -> {
                    for (int i = 0; i < 200; i++) {
                        query.add(new String[] {"extra" + i, "v"});
                        names.add("extra" + i);
                    }
                    mutation = "200 unknown query parameters";
                }
                default -> {
                    if (query.isEmpty()) {
                        query.add(new String[] {"limit", "1"});
                    }
                    String[] first = query.get(0);
                    query.add(new String[] {first[0], encode(draw.pick(HOSTILE_TEXT))});
                    mutation = "query " + first[0] + " twice";
                }
            }
        }

        void unknownPath() {
            pathSuffix = draw.pick(List.of("/x", "/../../q/health", "//", "/.", "/%2e%2e", "/" + draw.identifier()));
            mutation = "path suffix " + pathSuffix;
        }

        private boolean isJson() {
            return contentType != null && contentType.contains("json");
        }

        FuzzCase build() {
            String path = operation.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            StringBuilder target = new StringBuilder(path).append(pathSuffix);
            for (int i = 0; i < query.size(); i++) {
                target.append(i == 0 ? '?' : '&')
                        .append(query.get(i)[0])
                        .append('=')
                        .append(query.get(i)[1]);
            }
            byte[] bodyBytes = rawBody != null ? rawBody : bodyBytes();
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            head.append("Connection: close\r\n");
            head.append("Accept: ").append(accept).append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (contentType != null && (bodyBytes.length > 0 || body != null)) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            headers.forEach(header -> head.append(header).append("\r\n"));
            byte[] wire;
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
                wire = chunk(bodyBytes);
            } else {
                if (bodyBytes.length > 0 || !operation.reads()) {
                    head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
                }
                wire = bodyBytes;
            }
            head.append("\r\n");
            return new FuzzCase(
                    operation,
                    mutation,
                    Set.copyOf(names),
                    auth,
                    oversized,
                    head.toString().getBytes(StandardCharsets.UTF_8),
                    wire);
        }

        private byte[] bodyBytes() {
            if (body == null) {
                return new byte[0];
            }
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                StringBuilder form = new StringBuilder();
                if (body instanceof JsonText.Obj obj) {
                    for (Map.Entry<String, Object> member : obj.members()) {
                        if (!form.isEmpty()) {
                            form.append('&');
                        }
                        form.append(encode(member.getKey())).append('=').append(encode(formValue(member.getValue())));
                    }
                }
                return form.toString().getBytes(StandardCharsets.UTF_8);
            }
            return JsonText.write(body).getBytes(StandardCharsets.UTF_8);
        }

        private String formValue(Object value) {
            if (value instanceof String text) {
                return text;
            }
            if (value instanceof JsonText.Raw raw) {
                return raw.text();
            }
            return value instanceof List<?> || value instanceof JsonText.Obj
                    ? JsonText.write(value)
                    : String.valueOf(value);
        }

        /** A value the schema allows (formats and bounds respected, domain rules unknown). */
        private Object plausible(JsonNode schema, String name, int depth) {
            if (schema.has("enum") && schema.get("enum").size() > 0) {
                JsonNode value = schema.get("enum")
                        .get(draw.between(0, schema.get("enum").size() - 1));
                return value.isTextual() ? value.asText() : new JsonText.Raw(value.toString());
            }
            for (String combinator : List.of("oneOf", "anyOf")) {
                if (schema.has(combinator) && schema.get(combinator).size() > 0) {
                    return plausible(
                            schema.get(combinator)
                                    .get(draw.between(0, schema.get(combinator).size() - 1)),
                            name,
                            depth);
                }
            }
            String type = typeOf(schema);
            String format = schema.path("format").asText("");
            switch (type) {
                case "integer" -> {
                    long low = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                    long high = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(low, 0) + 1_000;
                    return draw.between(low, Math.max(low, high));
                }
                case "number" -> {
                    double low = schema.path("minimum").asDouble(0);
                    double high = schema.path("maximum").asDouble(low + 1_000);
                    return low + draw.unit() * (high - low);
                }
                case "boolean" -> {
                    return draw.chance(0.5);
                }
                case "array" -> {
                    List<Object> items = new ArrayList<>();
                    int min = schema.path("minItems").asInt(0);
                    int max = Math.max(min, Math.min(schema.path("maxItems").asInt(3), 3));
                    int count = depth > 4 ? min : draw.between(min, max);
                    for (int i = 0; i < count; i++) {
                        items.add(plausible(schema.path("items"), name, depth + 1));
                    }
                    return items;
                }
                case "object" -> {
                    JsonText.Obj obj = new JsonText.Obj();
                    Set<String> required = new java.util.HashSet<>();
                    schema.path("required").forEach(r -> required.add(r.asText()));
                    schema.path("properties").fields().forEachRemaining(field -> {
                        if (required.contains(field.getKey()) || (depth < 4 && draw.chance(0.6))) {
                            obj.with(field.getKey(), plausible(field.getValue(), field.getKey(), depth + 1));
                        }
                    });
                    return obj;
                }
                default -> {
                    return plausibleString(schema, name, format);
                }
            }
        }

        private String plausibleString(JsonNode schema, String name, String format) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            switch (format) {
                case "date-time" -> {
                    return Instant.ofEpochSecond(draw.between(1_600_000_000L, 1_900_000_000L))
                            .toString();
                }
                case "date" -> {
                    return java.time.LocalDate.ofEpochDay(draw.between(18_000, 22_000))
                            .toString();
                }
                case "uuid" -> {
                    return new UUID(draw.between(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2), draw.between(0L, 1L << 40))
                            .toString();
                }
                default -> {
                    // Names the schema cannot express: plausible addresses and paths.
                    if (lower.contains("address") || lower.endsWith("ip")) {
                        return "192.168." + draw.between(0, 255) + "." + draw.between(1, 254);
                    }
                    if (lower.contains("mac")) {
                        return String.format(
                                "52:54:00:%02x:%02x:%02x",
                                draw.between(0, 255), draw.between(0, 255), draw.between(0, 255));
                    }
                    if (lower.contains("image") || lower.contains("path") || lower.contains("root")) {
                        return "images/" + draw.identifier();
                    }
                    String text = draw.chance(0.9) ? draw.identifier() : draw.unicode();
                    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                    return text.length() > max ? text.substring(0, max) : text;
                }
            }
        }
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode option : type) {
                if (!option.asText().equals("null")) {
                    return option.asText();
                }
            }
        }
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static String scalar(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "" : scalar(list.get(0));
        }
        if (value instanceof JsonText.Raw raw) {
            return raw.text();
        }
        return value instanceof JsonText.Obj ? JsonText.write(value) : String.valueOf(value);
    }

    /** Percent-encodes everything outside RFC 3986's unreserved characters, as UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 16 * 1024) {
            int size = Math.min(16 * 1024, body.length - offset);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String describe(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "… (" + value.length() + " chars)" : value;
        StringBuilder out = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
        }
        return out.append('"').toString();
    }

    private static String describeJson(Object value) {
        String text = JsonText.write(value);
        return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " chars)" : text;
    }
}
