package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.asViewer;
import static io.imagecast.registry.it.RegistryApi.createGroup;
import static io.imagecast.registry.it.RegistryApi.group;
import static io.imagecast.registry.it.RegistryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input a hostile client sends: always a 400 problem naming the field, never a 5xx or a bare body. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class HostileInputTest {

    @Test
    void aDuplicateJsonKeyIsRefusedNamingTheKey() {
        String group = unique("g");
        createGroup(group, 32000, 32010);
        asAdmin()
                .body("{\"node\":\"x\",\"node\":\"storage-1\"}")
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/malformed-body"))
                .body("detail", containsString("'node'"))
                .body("detail", containsString("more than once"));
    }

    @Test
    void aNulByteInAPathParameterIsRefusedBeforeTheDatabase() {
        asViewer()
                .get("/api/v1/nodes/{name}", "store\u00001")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("name"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void aNulByteInAQueryFilterIsRefusedBeforeTheDatabase() {
        asViewer()
                .queryParam("group", "lab\u0000")
                .get("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("group"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void aNulByteInABodyIsRefusedNamingTheField() {
        Map<String, Object> body = group(unique("g"), 32020, 32030);
        body.put("imageRoot", "/images\u0000/x");
        asAdmin()
                .body(body)
                .post("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("imageRoot"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void aLimitThatIsNoNumberIsA400NamingTheParameter() {
        asViewer()
                .queryParam("limit", "abc")
                .get("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));
        asViewer()
                .queryParam("limit", "abc")
                .get("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));
    }

    @Test
    void anArrayWhereAnObjectBelongsIsATypeMismatchNotInvalidJson() {
        asAdmin()
                .body("[]")
                .post("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(containsString("not valid JSON")))
                .body("detail", containsString("JSON object"));
    }

    @Test
    void aBodyOverTheSizeLimitIsAProblemDocument() throws Exception {
        // Only the headers: the server must answer from Content-Length without reading 11 MiB.
        RawResponse response = raw(
                "POST /api/v1/groups HTTP/1.1",
                "Content-Type: application/json\r\nContent-Length: " + 11 * 1024 * 1024 + "\r\n");

        assertThat(response.statusLine()).contains(" 413 ");
        assertThat(response.head()).containsIgnoringCase("content-type: application/problem+json");
        assertThat(response.body()).contains("\"status\":413").contains("limit");
    }

    record RawResponse(String statusLine, String head, String body) {}

    /** HTTP/1.1 by hand: RestAssured refuses to send a malformed URI. */
    private static RawResponse raw(String requestLine, String extraHeaders) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.admin()
                    + "\r\nConnection: close\r\n" + extraHeaders + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new RawResponse(head.lines().findFirst().orElse(""), head, body);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\uff11\uff10.0.0.5", // fullwidth digits
                "10.0.0.\u0665", // an Arabic-Indic digit
                "224.0.0.1",
                "239.1.2.3",
                "0.0.0.0",
                "255.255.255.255",
                "240.0.0.1",
                "ff02::1",
                "::"
            })
    void aNodeAddressThatIsNoUnicastAsciiAddressIsRefused(String address) {
        asAdmin()
                .body(RegistryApi.node(unique("n"), null, address))
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", " ", "yes", "1"})
    void aStringOrNumberIsNoBoolean(String enabled) {
        Map<String, Object> body = RegistryApi.node(unique("n"), null, "10.0.0.5");
        body.put("enabled", "1".equals(enabled) ? (Object) 1 : enabled);
        asAdmin()
                .body(body)
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'enabled'"));
    }

    @Test
    void aFractionIsNoCount() {
        Map<String, Object> body = RegistryApi.node(unique("n"), null, "10.0.0.5");
        body.put("maxSessions", 1.5);
        asAdmin()
                .body(body)
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'maxSessions'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../etc", "/images/../..", "/images/.."})
    void anImageRootWithDotDotSegmentsIsRefused(String imageRoot) {
        Map<String, Object> body = group(unique("g"), 32040, 32050);
        body.put("imageRoot", imageRoot);
        asAdmin()
                .body(body)
                .post("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("imageRoot"));
    }
}
