package io.imagecast.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {
    private final ObjectMapper mapper = new ObjectMapper();

    record Body(int count) {}

    @Test
    void extensionMembersSitAtTheTopLevelAsRfc9457Requires() throws Exception {
        ProblemException exception = new ProblemException(409, "no-master", "Group has no master", "group lab has none")
                .with("diagnosis", List.of("set a master"));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(exception.toProblem("/api/v1/sessions")));

        assertThat(json.get("type").asText()).isEqualTo("https://imagecast.io/problems/no-master");
        assertThat(json.get("status").asInt()).isEqualTo(409);
        assertThat(json.get("detail").asText()).isEqualTo("group lab has none");
        assertThat(json.get("instance").asText()).isEqualTo("/api/v1/sessions");
        assertThat(json.get("diagnosis").get(0).asText()).isEqualTo("set a master");
        assertThat(json.has("extensions")).isFalse();
    }

    @Test
    void anExtensionWithoutValueIsLeftOutInsteadOfBreakingTheResponse() throws Exception {
        ProblemException exception = new ProblemException(409, "busy", "Busy", "try later")
                .with("conflictingSession", null)
                .with("retryAfterSeconds", 5);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(exception.toProblem(null)));

        assertThat(json.has("conflictingSession")).isFalse();
        assertThat(json.get("retryAfterSeconds").asInt()).isEqualTo(5);
    }

    @Test
    void brokenJsonIsDescribedByPositionAndWrongTypesByField() {
        JsonProcessingException syntax = catchJson("{\"count\": ");
        JsonProcessingException type = catchJson("{\"count\": \"many\"}");

        assertThat(MalformedJsonMapper.describe(syntax)).startsWith("the body is not valid JSON (line 1");
        assertThat(MalformedJsonMapper.describe(type))
                .isEqualTo("field 'count' has a value of the wrong type or format; expected a whole number");
    }

    @Test
    void anArrayWhereAnObjectBelongsIsATypeMismatchNotBrokenJson() {
        assertThat(MalformedJsonMapper.describe(catchJson("[]")))
                .isEqualTo("the body must be a JSON object, not an array");
    }

    @Test
    void aDuplicateKeyIsNamed() {
        ObjectMapper strict = new ObjectMapper();
        new JsonInputRules().customize(strict);

        JsonProcessingException duplicate = catchJson(strict, "{\"count\": 1, \"count\": 2}");

        assertThat(MalformedJsonMapper.describe(duplicate))
                .isEqualTo("field 'count' appears more than once; send each field once");
    }

    record Named(String name, java.util.List<String> tags) {}

    @Test
    void aNulCharacterInAnyStringIsRefusedNamingTheField() {
        ObjectMapper strict = new ObjectMapper();
        new JsonInputRules().customize(strict);

        JsonProcessingException field = catchJson(strict, "{\"name\": \"a\\u0000b\"}", Named.class);
        JsonProcessingException item = catchJson(strict, "{\"tags\": [\"ok\", \"\\u0000\"]}", Named.class);

        assertThat(MalformedJsonMapper.describe(field))
                .isEqualTo("field 'name' must not contain NUL characters (\\u0000)");
        JsonProcessingException raw = catchJson(strict, "{\"name\": \"a\u0000b\"}", Named.class);
        assertThat(MalformedJsonMapper.describe(raw))
                .isEqualTo("field 'name' must not contain NUL characters (\\u0000)");
        assertThat(MalformedJsonMapper.describe(item))
                .isEqualTo("field 'tags[1]' must not contain NUL characters (\\u0000)");
    }

    record When(java.time.Instant at) {}

    @Test
    void anInstantOutsideWhatADatabaseStoresIsRefusedNamingTheField() {
        ObjectMapper strict = new ObjectMapper();
        new JsonInputRules().customize(strict);

        JsonProcessingException past = catchJson(strict, "{\"at\": \"-1000000000-01-01T00:00:00Z\"}", When.class);

        assertThat(MalformedJsonMapper.describe(past)).isEqualTo("field 'at' " + InstantRange.RULE);
    }

    @Test
    void statusCodesMapToStableSlugs() {
        assertThat(WebApplicationProblemMapper.slugOf(404)).isEqualTo("not-found");
        assertThat(WebApplicationProblemMapper.slugOf(415)).isEqualTo("unsupported-media-type");
        assertThat(WebApplicationProblemMapper.slugOf(418)).isEqualTo("http-418");
    }

    private JsonProcessingException catchJson(String json) {
        return catchJson(mapper, json, Body.class);
    }

    private JsonProcessingException catchJson(ObjectMapper reader, String json) {
        return catchJson(reader, json, Body.class);
    }

    private JsonProcessingException catchJson(ObjectMapper reader, String json, Class<?> type) {
        try {
            reader.readValue(json, type);
        } catch (JsonProcessingException e) {
            return e;
        }
        throw new AssertionError("expected a JSON error for " + json);
    }
}
