package io.imagecast.service.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Runs after SmallRye JWT has verified a bearer token: applies {@link TokenRules} and adds the roles
 * the token's roles imply ({@link Roles}), so a token listing only {@code admin} can also read.
 */
@ApplicationScoped
public class TokenAugmentor implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(TokenAugmentor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final TokenRules rules;

    public TokenAugmentor(AuthConfig config) {
        this.rules = TokenRules.of(config);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<String> refusal = rules.refusal(header(token), epochSeconds(token, "iat"), epochSeconds(token, "exp"));
        if (refusal.isPresent()) {
            // DEBUG: anyone holding a signed token could otherwise fill the shipped logs.
            LOG.debugf("token of %s refused: %s", token.getName(), refusal.get());
            return Uni.createFrom().failure(TokenRefusal.exception(refusal.get()));
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addRoles(Roles.withImplied(identity.getRoles()))
                        .build());
    }

    private static Map<String, Object> header(JsonWebToken token) {
        String raw = token.getRawToken();
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return Map.of();
        }
        try {
            return JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(raw.substring(0, dot)), StandardCharsets.UTF_8), MAP);
        } catch (IOException | IllegalArgumentException e) {
            // Unreachable for a token SmallRye JWT has just verified; refuse rather than guess.
            return Map.of("jwk", "unreadable header");
        }
    }

    private static Long epochSeconds(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return null;
    }
}
