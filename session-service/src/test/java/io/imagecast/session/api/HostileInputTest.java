package io.imagecast.session.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input a hostile client sends: always a 400 problem naming the field, never a 5xx or a bare body. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class HostileInputTest extends SessionTestSupport {

    @Test
    void aDuplicateJsonKeyIsRefusedNamingTheKey() {
        operator()
                .body("{\"name\":\"a\",\"name\":\"b\",\"storageGroup\":\"g\"}")
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/malformed-body"))
                .body("detail", containsString("'name' appears more than once"));
    }

    @Test
    void aNulByteInTheBodyIsRefusedNamingTheField() {
        operator()
                .body(body(unique("nul"), "lab\u0000", ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'storageGroup' must not contain NUL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"group", "node", "name"})
    void aNulByteInAListFilterIsRefusedNamingTheFilter(String filter) {
        as(TestTokens.viewer())
                .queryParam(filter, "x\u0000")
                .get("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(filter + ": must not contain NUL"));
    }

    @Test
    void aNulByteInAHostToDropIsRefusedBeforeTheDatabase() {
        String group = unique("nul");
        onlineGroup(group, 9870, 9879, 4);
        String id = create(unique("nul"), group);
        operator()
                .delete("/api/v1/sessions/{id}/hosts/{host}", id, "pc\u00001")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("host: must not contain NUL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"createdAfter", "createdBefore"})
    void anInstantBeyondWhatTheDatabaseStoresIsA400NamingTheFilter(String filter) {
        as(TestTokens.viewer())
                .queryParam(filter, "+1000000000-01-01T00:00:00Z")
                .get("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(filter));
    }

    @Test
    void aPurgeCutoffBeyondWhatTheDatabaseStoresIsA400() {
        as(TestTokens.admin())
                .queryParam("finishedBefore", "+1000000000-01-01T00:00:00Z")
                .delete("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("finishedBefore"));
    }

    @Test
    void aStartTimeBeforeWhatTheDatabaseStoresIsA400NamingTheField() {
        String group = unique("late");
        onlineGroup(group, 9880, 9889, 4);
        operator()
                .body(body(unique("late"), group, "\"startAt\": \"-1000000000-01-01T00:00:00Z\""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("startAt"));
    }

    @Test
    void anArrayForASessionIsATypeMismatch() {
        operator()
                .body("[]")
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body must be a JSON object, not an array"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"224.0.0.1", "239.255.0.1", "0.0.0.0", "255.255.255.255", "\uff11\uff10.9.0.11"})
    void aHostAddressThatIsNoUnicastAsciiAddressIsRefused(String ip) {
        operator()
                .body(body(unique("ip"), "g", "").replace("10.9.0.11", ip))
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("hosts[0].ip"));
    }

    @Test
    void aFractionIsNoReceiverCount() {
        operator()
                .body(body(unique("frac"), "g", "\"expectedReceivers\": 1.5"))
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'expectedReceivers'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HALF ", " HALF", "half", "HALF\\n"})
    void anEnumValueIsMatchedExactly(String duplex) {
        operator()
                .body(body(unique("duplex"), "g", "\"duplex\": \"" + duplex + "\""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'duplex'"));
    }
}
