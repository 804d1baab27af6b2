package io.imagecast.service.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes every service's OpenAPI document with what the resources would otherwise repeat: the
 * problem+json error responses every API operation can give (with one shared {@code Problem}
 * schema), a tag per API area, and tag descriptions. A scheduler generating a client then sees the
 * error shape it will receive instead of an undocumented body.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class ProblemResponsesFilter implements OASFilter {
    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    /** Errors any authenticated API operation can answer, whatever its own rules. */
    private static final Map<String, String> COMMON_ERRORS = orderedMap(
            "400", "Invalid request: the detail (and `errors`) name the field",
            "401", "Missing, expired or invalid bearer token",
            "403", "The token lacks the role this operation needs",
            "500", "Unexpected error (logged with its cause; the body carries no internals)",
            "503", "A dependency (the database) is unavailable; retry after the Retry-After header");

    private static final Map<String, String> TAGS = orderedMap(
            "sessions", "Multicast sessions: create, follow live, cancel, drop hosts, purge",
            "nodes", "Storage nodes, their observed interfaces and their diagnosis",
            "groups", "Storage groups: image root, session ports, multicast addresses and master",
            "logs", "Multicast logs of every service: search, live tail, a session's log",
            "loki", "Grafana Loki read API over the same logs",
            "transfers", "Transfers running on this storage node",
            "health", "Every health check with its details (/q/health shows statuses only)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            String tag = tagOf(path);
            item.getOperations().forEach((method, operation) -> complete(path, method, operation, tag));
        });
        TAGS.forEach((name, description) -> {
            boolean used = openAPI.getPaths().getPathItems().values().stream()
                    .flatMap(item -> item.getOperations().values().stream())
                    .anyMatch(op -> op.getTags() != null && op.getTags().contains(name));
            boolean declared =
                    openAPI.getTags() != null && openAPI.getTags().stream().anyMatch(t -> name.equals(t.getName()));
            if (used && !declared) {
                openAPI.addTag(OASFactory.createTag().name(name).description(description));
            }
        });
        if (openAPI.getTags() != null) {
            List<Tag> sorted = new ArrayList<>(openAPI.getTags());
            sorted.sort(Comparator.comparing(Tag::getName));
            openAPI.setTags(sorted);
        }
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation, String tag) {
        if (tag == null) {
            return;
        }
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            operation.setTags(new ArrayList<>(List.of(tag)));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        Map<String, String> errors = new LinkedHashMap<>(COMMON_ERRORS);
        if (path.contains("{")) {
            errors.put("404", "No such resource");
        }
        for (Map.Entry<String, String> error : errors.entrySet()) {
            if (responses.getAPIResponse(error.getKey()) == null) {
                responses.addAPIResponse(
                        error.getKey(), OASFactory.createAPIResponse().description(error.getValue()));
            }
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null) {
                withProblemBody(response);
            }
        });
    }

    private static void withProblemBody(APIResponse response) {
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        if (content.getMediaType(PROBLEM_MEDIA_TYPE) == null) {
            content.addMediaType(
                    PROBLEM_MEDIA_TYPE,
                    OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA)));
        }
        // Errors are problem documents only; a JSON body schema inferred from the method is wrong here.
        content.removeMediaType("application/json");
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription("Error (problem+json)");
        }
    }

    /** The API area of a path: the segment after /api/v1/, or "loki"; null for paths outside the API. */
    static String tagOf(String path) {
        if (path.startsWith("/loki/")) {
            return "loki";
        }
        if (!path.startsWith("/api/v1/")) {
            return null;
        }
        String rest = path.substring("/api/v1/".length());
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        // A session's log is served by log-service but belongs to the logs area there.
        return rest.matches("sessions/\\{[^}]+}/log") ? "logs" : first;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; extension members such as `errors` or `diagnosis` may follow")
                .addProperty(
                        "type",
                        string("Stable problem type URI, https://imagecast.io/problems/<slug>")
                                .format("uri"))
                .addProperty("title", string("Short summary of the problem type"))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.INTEGER))
                                .description("HTTP status code"))
                .addProperty("detail", string("What went wrong with this request, naming the field"))
                .addProperty("instance", string("The request path"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.ARRAY))
                                .description("Field violations")
                                .items(OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.OBJECT))
                                        .addProperty("field", string("The offending field or parameter"))
                                        .addProperty("message", string("Why it is refused"))))
                .required(List.of("type", "title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
