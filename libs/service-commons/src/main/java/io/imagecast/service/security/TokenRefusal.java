package io.imagecast.service.security;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;
import java.util.Optional;

/**
 * A correctly signed token that breaks one of {@link TokenRules}: an authentication failure that
 * carries the rule, so the 401 can name it (the token's holder already knows the token).
 */
public final class TokenRefusal {
    static final String ATTRIBUTE = "imagecast.token-refusal";

    private TokenRefusal() {}

    public static AuthenticationFailedException exception(String reason) {
        return new AuthenticationFailedException(reason, Map.of(ATTRIBUTE, reason));
    }

    /** The broken rule, when the failure is a refusal of this kind. */
    public static Optional<String> reasonOf(RuntimeException failure) {
        return failure instanceof AuthenticationFailedException authentication
                ? Optional.ofNullable(authentication.<String>getAttribute(ATTRIBUTE))
                : Optional.empty();
    }
}
