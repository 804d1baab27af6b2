package io.imagecast.service.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request values are read as the JSON type they are sent as; the mapper converts nothing. */
class StrictJsonValuesTest {
    enum Duplex {
        FULL,
        HALF
    }

    record Request(Boolean enabled, Integer count, long bytes, Double ratio, Duplex duplex, String name) {}

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonInputRules().customize(mapper);
        new StrictJsonValues().customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"enabled\": \"\\n\"}",
                "{\"enabled\": \"\"}",
                "{\"enabled\": \"true\"}",
                "{\"enabled\": 1}",
                "{\"count\": 1.5}",
                "{\"count\": \"8\"}",
                "{\"count\": \"\"}",
                "{\"bytes\": 2.0}",
                "{\"ratio\": \"0.5\"}",
                "{\"duplex\": \"HALF \"}",
                "{\"duplex\": \"\\tFULL\"}",
                "{\"duplex\": \"\"}",
                "{\"name\": 12}",
                "{\"name\": true}"
            })
    void aValueOfAnotherJsonTypeIsRefusedNamingTheField(String json) {
        String field = json.substring(2, json.indexOf('"', 2));

        assertThatThrownBy(() -> MAPPER.readValue(json, Request.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(
                                ((MismatchedInputException) e).getPath().get(0).getFieldName())
                        .isEqualTo(field));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"enabled\": false, \"count\": 8, \"bytes\": 9000000000, \"ratio\": 1, \"duplex\": \"HALF\", \"name\": \"a b\"}",
                "{\"enabled\": null, \"count\": null, \"ratio\": 0.5, \"duplex\": null, \"name\": \"\"}"
            })
    void valuesOfTheirOwnTypeAreRead(String json) throws Exception {
        Request request = MAPPER.readValue(json, Request.class);

        assertThat(request).isNotNull();
        assertThat(request.duplex()).isIn(Duplex.HALF, null);
    }
}
