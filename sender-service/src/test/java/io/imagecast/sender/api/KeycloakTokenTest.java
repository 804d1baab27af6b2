package io.imagecast.sender.api;

import static io.restassured.RestAssured.given;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token shaped like Keycloak's (realm roles under {@code realm_access.roles}, issuer the realm URL,
 * audience the client) is accepted with the property set deploy/README.md documents, and its roles
 * imply the lower ones as the launcher's do. The key is the test key: what a Keycloak realm's JWKS
 * would provide.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(KeycloakTokenTest.KeycloakRealm.class)
class KeycloakTokenTest {
    static final String REALM = "https://keycloak.example.org/realms/lab";

    public static class KeycloakRealm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.jwt.verify.issuer", REALM,
                    "mp.jwt.verify.audiences", "imagecast-api",
                    "smallrye.jwt.path.groups", "realm_access/roles",
                    "imagecast.auth.key-ids", "*");
        }
    }

    private static String keycloakToken(String... realmRoles) {
        return TestTokens.builder()
                .header("kid", "kc-rsa-2026")
                .claim("iss", REALM)
                .claim("aud", List.of("imagecast-api", "account"))
                .claim("groups", null)
                .claim("azp", "imagecast-cli")
                .claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .sign();
    }

    @Test
    void realmRolesAreTheRoles() {
        given().auth()
                .oauth2(keycloakToken("offline_access", "operator"))
                .get("/api/v1/transfers")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(keycloakToken("offline_access", "uma_authorization"))
                .get("/api/v1/transfers")
                .then()
                .statusCode(403);
    }

    @Test
    void theLaunchersShapeIsRefusedUnderTheRealmsSettings() {
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/transfers")
                .then()
                .statusCode(401);
    }
}
