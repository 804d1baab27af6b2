package io.imagecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Verifies the tokens with SmallRye JWT, the verifier the services run. */
class TestTokensTest {

    private final DefaultJWTParser parser = new DefaultJWTParser(verification());

    @Test
    void rolesCarryTheRolesTheyImply() throws Exception {
        assertThat(parser.parse(TestTokens.viewer()).getGroups()).containsExactlyInAnyOrder("viewer");
        assertThat(parser.parse(TestTokens.operator()).getGroups()).containsExactlyInAnyOrder("viewer", "operator");
        assertThat(parser.parse(TestTokens.admin()).getGroups())
                .containsExactlyInAnyOrder("viewer", "operator", "admin");
    }

    @Test
    void tokensNameTheImagecastIssuer() throws Exception {
        JsonWebToken token = parser.parse(TestTokens.forGroups("auditor"));

        assertThat(token.getIssuer()).isEqualTo("imagecast");
        assertThat(token.getGroups()).containsExactly("auditor");
        assertThat(token.getExpirationTime()).isGreaterThan(System.currentTimeMillis() / 1000);
    }

    @Test
    void tokensCarryTheImagecastAudienceAndAnHourOfLifetime() throws Exception {
        JsonWebToken token = parser.parse(TestTokens.viewer());

        assertThat(token.getAudience()).containsExactly("imagecast");
        assertThat(token.getExpirationTime() - token.getIssuedAtTime()).isEqualTo(3600);
    }

    @Test
    void theBuilderShapesClaimsAndHeader() throws Exception {
        String raw = TestTokens.builder()
                .header("kid", "k1")
                .claim("aud", java.util.List.of("a", "b"))
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of("operator")))
                .lifetime(java.time.Duration.ofMinutes(5))
                .sign();
        JsonWebToken token = parser.parse(raw);

        assertThat(new String(Base64.getUrlDecoder().decode(raw.split("\\.")[0])))
                .contains("\"kid\":\"k1\"");
        assertThat(token.getAudience()).containsExactlyInAnyOrder("a", "b");
        assertThat(token.getExpirationTime() - token.getIssuedAtTime()).isEqualTo(300);
        assertThat(token.getClaim("realm_access").toString()).contains("operator");
    }

    @Test
    void expiredTokensAreRejected() {
        assertThatThrownBy(() -> parser.parse(TestTokens.expiredAdmin())).isInstanceOf(ParseException.class);
    }

    @Test
    void aTamperedTokenIsRejected() {
        String[] parts = TestTokens.viewer().split("\\.");
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("[\"viewer\"]", "[\"viewer\",\"admin\"]")
                        .getBytes());

        assertThatThrownBy(() -> parser.parse(parts[0] + "." + forgedPayload + "." + parts[2]))
                .isInstanceOf(ParseException.class);
    }

    private static JWTAuthContextInfo verification() {
        try {
            String pem = TestTokens.readResource(TestTokens.PUBLIC_KEY_RESOURCE)
                    .replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new JWTAuthContextInfo(key, "imagecast");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
