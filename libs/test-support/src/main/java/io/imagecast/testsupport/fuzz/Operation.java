package io.imagecast.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One operation of an OpenAPI document, with every {@code $ref} already resolved.
 *
 * @param bodySchema the request body's schema, or {@code null} when the operation takes none
 * @param bodyMediaType the body's media type as declared (JSON or a form), or {@code null}
 * @param roles the roles the document says the operation needs (empty when it says none)
 */
record Operation(
        String method,
        String path,
        List<Parameter> parameters,
        JsonNode bodySchema,
        String bodyMediaType,
        List<String> roles) {

    /** A path, query or header parameter. */
    record Parameter(String name, String in, JsonNode schema, boolean required) {}

    boolean secured() {
        return path.startsWith("/api/");
    }

    boolean reads() {
        return method.equals("GET") || method.equals("HEAD");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
