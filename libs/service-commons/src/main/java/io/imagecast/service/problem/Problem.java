package io.imagecast.service.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem document. Extension members are written at the top level, as the RFC
 * requires, not nested under a property.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public record Problem(
        URI type, String title, int status, String detail, String instance, Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://imagecast.io/problems/";

    public Problem {
        // A member without a value is left out rather than failing the whole error response.
        extensions = extensions == null
                ? Map.of()
                : extensions.entrySet().stream()
                        .filter(entry -> entry.getKey() != null && entry.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public static URI typeFor(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
