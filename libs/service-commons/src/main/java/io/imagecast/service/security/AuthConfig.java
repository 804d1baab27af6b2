package io.imagecast.service.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/**
 * Token rules on top of SmallRye JWT's signature, issuer and audience checks
 * ({@code mp.jwt.verify.*}).
 */
@ConfigMapping(prefix = "imagecast.auth")
public interface AuthConfig {

    /** Longest {@code exp - iat} a token may have; longer tokens, and tokens without both, get 401. */
    @WithDefault("24h")
    Duration maxTokenLifetime();

    /**
     * The {@code kid} values a token may name. {@code *} leaves the choice to the verification key
     * set (a JWKS such as an OIDC provider's, where SmallRye JWT picks the key by {@code kid} and
     * refuses ids it does not hold). A token without {@code kid} is verified with the configured key.
     */
    @WithDefault("imagecast")
    Set<String> keyIds();
}
