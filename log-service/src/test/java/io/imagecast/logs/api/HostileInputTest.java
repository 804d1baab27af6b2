package io.imagecast.logs.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input a hostile client sends: a 400 naming the parameter, never a 5xx. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class HostileInputTest {

    private static RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.viewer()).log().ifValidationFails();
    }

    @Test
    void aLimitThatIsNoNumberIsA400NamingTheParameter() {
        viewer().queryParam("limit", "abc")
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"service", "node", "session", "level", "contains", "regex"})
    void aNulByteInAFilterIsRefusedBeforeTheDatabase(String filter) {
        viewer().queryParam(filter, "a\u0000b")
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(filter + ": must not contain NUL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"from", "to"})
    void anInstantBeyondWhatTheDatabaseStoresIsA400NamingTheParameter(String parameter) {
        viewer().queryParam(parameter, "+1000000000-01-01T00:00:00Z")
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(parameter));
    }

    @Test
    void aLokiEndBeyondWhatTheDatabaseStoresIsA400NamingTheParameter() {
        viewer().queryParam("query", "{service=\"x\"}")
                .queryParam("end", "+999999999-12-31T23:59:59Z")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(400)
                .body(containsString("\"end\""));
    }

    @Test
    void aNulByteInALokiSelectorSentAsAFormIsRefused() {
        viewer().contentType("application/x-www-form-urlencoded")
                .formParam("query", "{service=\"a\u0000\"}")
                .post("/loki/api/v1/query_range")
                .then()
                .statusCode(400)
                .body(containsString("NUL"));
    }

    @Test
    void aNegativeVolumeLimitIsA400() {
        viewer().queryParam("query", "{service=\"x\"}")
                .queryParam("limit", "-1")
                .get("/loki/api/v1/index/volume")
                .then()
                .statusCode(400)
                .body(containsString("limit"));
    }

    @Test
    void aRegexRepetitionPostgresCannotCompileIsA400() {
        viewer().queryParam("regex", "a{1000000}")
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("255"));
    }

    @Test
    void aRegexOfAThousandWildcardsIsA400NamingTheParameterAndTheLimit() {
        viewer().queryParam("regex", ".*".repeat(1_000))
                .get("/api/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("regex: "))
                .body("detail", containsString("at most 1000 characters"));
    }

    @Test
    void aLokiLineFilterWithTooManyQuantifiersIsA400() {
        viewer().queryParam("query", "{service=\"x\"} |~ \"" + "a*".repeat(40) + "\"")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(400)
                .body(containsString("at most 32 quantifiers"));
    }

    @Test
    void aLokiFormBodyLargerThanAUrlMayBeIsRefused() {
        String query = "{service=\"" + "x".repeat(5_000) + "\"}";
        viewer().contentType("application/x-www-form-urlencoded")
                .formParam("query", query)
                .post("/loki/api/v1/query_range")
                .then()
                .statusCode(413)
                .body(containsString("4096 bytes"));
    }

    @Test
    void theSameQueryInAUrlIsRefusedByTheHttpLayer() {
        // the bound the form check mirrors: a request line over 4096 bytes
        viewer().queryParam("query", "{service=\"" + "x".repeat(5_000) + "\"}")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(414);
    }
}
