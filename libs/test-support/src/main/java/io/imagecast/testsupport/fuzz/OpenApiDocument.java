package io.imagecast.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the operations out of an OpenAPI 3 document (JSON), resolving references. */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument parse(byte[] json) {
        try {
            return new OpenApiDocument(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document is no JSON", e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode item = path.getValue();
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation != null) {
                    operations.add(operation(method.toUpperCase(Locale.ROOT), path.getKey(), item, operation));
                }
            }
        }
        return operations;
    }

    private Operation operation(String method, String path, JsonNode item, JsonNode operation) {
        List<Operation.Parameter> parameters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode source : List.of(operation.path("parameters"), item.path("parameters"))) {
            for (JsonNode parameter : source) {
                JsonNode resolved = resolve(parameter);
                String name = resolved.path("name").asText();
                String in = resolved.path("in").asText();
                if (seen.add(in + ":" + name)) {
                    parameters.add(new Operation.Parameter(
                            name,
                            in,
                            resolveSchema(resolved.path("schema")),
                            resolved.path("required").asBoolean(in.equals("path"))));
                }
            }
        }
        JsonNode bodySchema = null;
        String bodyMediaType = null;
        JsonNode content = resolve(operation.path("requestBody")).path("content");
        Iterator<String> mediaTypes = content.fieldNames();
        while (mediaTypes.hasNext() && bodySchema == null) {
            String mediaType = mediaTypes.next();
            bodyMediaType = mediaType;
            bodySchema = resolveSchema(content.path(mediaType).path("schema"));
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(scope -> roles.add(scope.asText())));
        }
        return new Operation(method, path, List.copyOf(parameters), bodySchema, bodyMediaType, List.copyOf(roles));
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 32 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("Only local references are supported: " + ref);
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /**
     * The schema with references resolved all the way down (a recursive schema is cut after a few
     * levels), {@code allOf} merged, so that generation never looks anything up.
     */
    private JsonNode resolveSchema(JsonNode schema) {
        return resolveSchema(schema, 0);
    }

    private JsonNode resolveSchema(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return JSON.createObjectNode();
        }
        JsonNode resolved = resolve(schema);
        if (!resolved.isObject()) {
            return JSON.createObjectNode();
        }
        ObjectNode copy = ((ObjectNode) resolved).deepCopy();
        copy.remove("$ref");
        if (copy.has("allOf")) {
            ObjectNode merged = JSON.createObjectNode();
            for (JsonNode part : copy.get("allOf")) {
                merged.setAll((ObjectNode) resolveSchema(part, depth + 1));
            }
            copy.remove("allOf");
            merged.setAll(copy);
            copy = merged;
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (copy.has(combinator)) {
                var options = JSON.createArrayNode();
                copy.get(combinator).forEach(option -> options.add(resolveSchema(option, depth + 1)));
                copy.set(combinator, options);
            }
        }
        if (copy.has("properties")) {
            ObjectNode properties = JSON.createObjectNode();
            copy.get("properties")
                    .fields()
                    .forEachRemaining(
                            field -> properties.set(field.getKey(), resolveSchema(field.getValue(), depth + 1)));
            copy.set("properties", properties);
        }
        if (copy.has("items")) {
            copy.set("items", resolveSchema(copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolveSchema(copy.get("additionalProperties"), depth + 1));
        }
        return copy;
    }
}
