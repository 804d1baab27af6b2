package io.imagecast.service.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed, unexpired token from the right issuer and audience must still satisfy: a bounded
 * lifetime, and no header that points at key material. SmallRye JWT never fetches {@code jku} or
 * {@code x5u} URLs, but a token that names one was made for a verifier that would, so it is refused
 * rather than silently verified with another key.
 */
public final class TokenRules {
    /** Header members that carry a key or say where to fetch one. */
    static final List<String> KEY_REFERENCE_HEADERS = List.of("jku", "x5u", "jwk", "x5c");

    static final String ANY_KEY_ID = "*";

    private final Duration maxLifetime;
    private final Set<String> keyIds;

    public TokenRules(Duration maxLifetime, Set<String> keyIds) {
        this.maxLifetime = maxLifetime;
        this.keyIds = Set.copyOf(keyIds);
    }

    public static TokenRules of(AuthConfig config) {
        return new TokenRules(config.maxTokenLifetime(), config.keyIds());
    }

    /**
     * Why the token is refused, or empty when it passes.
     *
     * @param header the decoded JOSE header
     * @param issuedAt {@code iat} in epoch seconds, null when absent
     * @param expiresAt {@code exp} in epoch seconds, null when absent
     */
    public Optional<String> refusal(Map<String, ?> header, Long issuedAt, Long expiresAt) {
        for (String name : KEY_REFERENCE_HEADERS) {
            if (header.containsKey(name)) {
                return Optional.of("the token header names key material (" + name + "); keys come from configuration");
            }
        }
        Object kid = header.get("kid");
        if (kid != null && !keyIds.contains(ANY_KEY_ID) && !keyIds.contains(String.valueOf(kid))) {
            return Optional.of("the token names a key id that is not configured");
        }
        if (expiresAt == null || expiresAt <= 0) {
            return Optional.of("the token has no expiry (exp)");
        }
        if (issuedAt == null || issuedAt <= 0) {
            return Optional.of("the token has no issue time (iat)");
        }
        if (expiresAt - issuedAt > maxLifetime.toSeconds()) {
            return Optional.of("the token's lifetime exceeds " + maxLifetime.toSeconds() + " s");
        }
        return Optional.empty();
    }
}
