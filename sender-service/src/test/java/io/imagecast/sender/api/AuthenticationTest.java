package io.imagecast.sender.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a bearer token must be to be accepted (CONTRIBUTING.md "Security"), checked end to end here
 * where the service is cheapest to start; the other services run a shorter version of the same.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AuthenticationTest {

    private static int statusWith(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/v1/transfers")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void higherRolesImplyTheLowerOnes() {
        assertThat(statusWith(TestTokens.forGroups("operator"))).isEqualTo(200);
        assertThat(statusWith(TestTokens.forGroups("admin"))).isEqualTo(200);
        assertThat(statusWith(TestTokens.forGroups("auditor"))).isEqualTo(403);
    }

    @Test
    void theAudienceMustBeImagecast() {
        assertThat(statusWith(TestTokens.builder().claim("aud", "grafana").sign()))
                .isEqualTo(401);
        assertThat(statusWith(TestTokens.builder().claim("aud", null).sign())).isEqualTo(401);
        assertThat(statusWith(TestTokens.builder()
                        .claim("aud", List.of("grafana", "imagecast"))
                        .sign()))
                .isEqualTo(200);
    }

    @Test
    void lifetimesBeyondTheCapAndTokensWithoutExpiryAreRefused() {
        given().auth()
                .oauth2(TestTokens.builder().lifetime(Duration.ofDays(36_500)).sign())
                .get("/api/v1/transfers")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("lifetime"));
        assertThat(statusWith(TestTokens.builder()
                        .lifetime(Duration.ofHours(24).plusSeconds(1))
                        .sign()))
                .isEqualTo(401);
        assertThat(statusWith(
                        TestTokens.builder().lifetime(Duration.ofHours(24)).sign()))
                .isEqualTo(200);
        assertThat(statusWith(TestTokens.builder().withoutExpiry().sign())).isEqualTo(401);
        assertThat(statusWith(TestTokens.builder().withoutIssuedAt().sign())).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "x5u"})
    void keyUrlsInTheHeaderAreRefusedAndNeverFetched(String member) throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        keys.start();
        try {
            String url = "http://127.0.0.1:" + keys.getAddress().getPort() + "/keys";
            assertThat(statusWith(TestTokens.builder().header(member, url).sign()))
                    .isEqualTo(401);
            assertThat(statusWith(TestTokens.builder()
                            .header(member, url)
                            .header("kid", "attacker")
                            .sign()))
                    .isEqualTo(401);
            assertThat(fetches).hasValue(0);
        } finally {
            keys.stop(0);
        }
    }

    @Test
    void onlyTheConfiguredKeyIdIsAccepted() {
        assertThat(statusWith(TestTokens.builder().header("kid", "someone-else").sign()))
                .isEqualTo(401);
        assertThat(statusWith(TestTokens.builder().header("kid", "imagecast").sign()))
                .isEqualTo(200);
        assertThat(statusWith(TestTokens.builder()
                        .header("jwk", Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB"))
                        .sign()))
                .isEqualTo(401);
    }

    @Test
    void anonymousHealthShowsStatusesButNotTheStorageRoot() {
        String root = Path.of("target/test-storage/images").toAbsolutePath().toString();
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started")) {
            String body = given().get(path).then().extract().asString();
            assertThat(body).as(path).contains("\"status\"").doesNotContain("\"data\"", "test-storage", root);
        }
        given().get("/q/health/ready").then().body("checks.name", hasItem("storage-root"));
    }

    @Test
    void healthDetailsNeedAToken() {
        given().get("/api/v1/health").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.viewer())
                .get("/api/v1/health")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'storage-root' }.data.path", containsString("test-storage"))
                .body("checks.name", not(hasItem("nothing")));
    }
}
