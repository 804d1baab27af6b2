package io.imagecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The four services' OpenAPI documents, as their builds store them (target/openapi), are complete
 * enough for a scheduler to generate a client: operationIds that read as method names, servers,
 * tags, a success response and problem+json errors on every operation, examples for request
 * bodies; and Redocly's recommended rules pass.
 */
class OpenApiDocumentsTest {
    static final List<String> SERVICES = List.of("session-service", "node-registry", "log-service", "sender-service");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Pinned so a new Redocly release cannot change the verdict of an unchanged tree. */
    static final String REDOCLY = "@redocly/cli@2.77.0";

    static Path document(String service) {
        Path json = Repo.path(service + "/target/openapi/openapi.json");
        assertThat(json)
                .as("%s is written by the service's build (mvn package); run the build of %s first", json, service)
                .isRegularFile();
        return json;
    }

    @Test
    void everyOperationIsCompleteForAClientGenerator() throws IOException {
        Map<String, List<String>> gaps = new TreeMap<>();
        for (String service : SERVICES) {
            JsonNode doc = JSON.readTree(document(service).toFile());
            gaps.put(service, gapsOf(doc));
        }
        assertThat(gaps)
                .allSatisfy((service, found) -> assertThat(found)
                        .as("gaps in %s's OpenAPI document", service)
                        .isEmpty());
    }

    static List<String> gapsOf(JsonNode doc) {
        List<String> gaps = new ArrayList<>();
        if (!doc.path("servers").isArray() || doc.path("servers").isEmpty()) {
            gaps.add("no servers");
        }
        Set<String> declaredTags = new HashSet<>();
        doc.path("tags").forEach(t -> declaredTags.add(t.path("name").asText()));
        Set<String> ids = new HashSet<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    String where = op.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = op.getValue();
                    String id = operation.path("operationId").asText("");
                    if (!id.matches("[a-z][A-Za-z0-9]*")) {
                        gaps.add(where + ": operationId '" + id + "' is not a method name");
                    } else if (!ids.add(id)) {
                        gaps.add(where + ": operationId '" + id + "' is not unique");
                    }
                    if (operation.path("tags").isEmpty()) {
                        gaps.add(where + ": no tag");
                    }
                    operation.path("tags").forEach(t -> {
                        if (!declaredTags.contains(t.asText())) {
                            gaps.add(where + ": tag '" + t.asText() + "' is not declared");
                        }
                    });
                    JsonNode responses = operation.path("responses");
                    List<String> codes = new ArrayList<>();
                    responses.fieldNames().forEachRemaining(codes::add);
                    if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
                        gaps.add(where + ": no 2xx response");
                    }
                    for (String code : List.of("400", "401", "403", "500")) {
                        if (!responses.has(code)) {
                            gaps.add(where + ": no " + code + " response");
                        }
                    }
                    responses.fields().forEachRemaining(r -> {
                        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                            JsonNode schema = r.getValue()
                                    .path("content")
                                    .path("application/problem+json")
                                    .path("schema");
                            if (!schema.path("$ref").asText().endsWith("/Problem")) {
                                gaps.add(where + ": " + r.getKey() + " is not a problem+json Problem");
                            }
                        }
                    });
                    JsonNode body = operation.path("requestBody").path("content");
                    body.fields().forEachRemaining(media -> {
                        if (!hasExample(doc, media.getValue())) {
                            gaps.add(where + ": request body " + media.getKey() + " has no example");
                        }
                    });
                }));
        return gaps;
    }

    /** An example on the media type, or on at least one property of its (referenced) schema. */
    private static boolean hasExample(JsonNode doc, JsonNode media) {
        if (media.has("example") || media.has("examples")) {
            return true;
        }
        JsonNode inline = media.path("schema");
        String ref = inline.path("$ref").asText("");
        JsonNode schema = ref.startsWith("#/components/schemas/")
                ? doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()))
                : inline;
        if (schema.has("example") || schema.has("examples")) {
            return true;
        }
        for (JsonNode property : schema.path("properties")) {
            if (property.has("example") || property.has("examples")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void redoclyRecommendedRulesPass() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "npx",
                "--yes",
                REDOCLY,
                "lint",
                "--config",
                Repo.path("deploy/check/redocly.yaml").toString()));
        for (String service : SERVICES) {
            command.add(document(service).toString());
        }
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(Repo.ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("npx is needed (apt-get install npm; .ci/run does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("redocly lint:%n%s", out).isZero();
        // Warnings do not change the exit code; a clean lint has none (Node.js notices aside).
        assertThat(out).as("redocly lint:%n%s", out).doesNotContainPattern("You have \\d+ warnings?");
    }
}
