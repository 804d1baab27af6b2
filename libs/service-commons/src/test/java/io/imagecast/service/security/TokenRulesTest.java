package io.imagecast.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenRulesTest {
    private static final long NOW = 1_800_000_000L;
    private static final Map<String, Object> PLAIN = Map.of("alg", "RS256", "typ", "JWT");

    private final TokenRules rules = new TokenRules(Duration.ofHours(24), Set.of("imagecast"));

    @Test
    void aTokenWithinTheLifetimeCapPasses() {
        assertThat(rules.refusal(PLAIN, NOW, NOW + 24 * 3600)).isEmpty();
        assertThat(rules.refusal(Map.of("alg", "RS256", "kid", "imagecast"), NOW, NOW + 60))
                .isEmpty();
    }

    @Test
    void aLongerLifetimeIsRefused() {
        assertThat(rules.refusal(PLAIN, NOW, NOW + 24 * 3600 + 1))
                .hasValueSatisfying(r -> assertThat(r).contains("lifetime"));
        assertThat(rules.refusal(PLAIN, NOW, NOW + 100L * 365 * 86400)).isPresent();
    }

    @Test
    void missingExpiryOrIssueTimeIsRefused() {
        assertThat(rules.refusal(PLAIN, NOW, null))
                .hasValueSatisfying(r -> assertThat(r).contains("exp"));
        assertThat(rules.refusal(PLAIN, null, NOW + 60))
                .hasValueSatisfying(r -> assertThat(r).contains("iat"));
    }

    @Test
    void headersThatPointAtKeysAreRefused() {
        for (String member : new String[] {"jku", "x5u", "jwk", "x5c"}) {
            assertThat(rules.refusal(Map.of("alg", "RS256", member, "https://attacker.example/keys"), NOW, NOW + 60))
                    .as(member)
                    .hasValueSatisfying(r -> assertThat(r).contains(member));
        }
    }

    @Test
    void anUnknownKeyIdIsRefusedUnlessTheKeySetDecides() {
        Map<String, Object> foreign = Map.of("alg", "RS256", "kid", "someone-elses-key");
        assertThat(rules.refusal(foreign, NOW, NOW + 60))
                .hasValueSatisfying(r -> assertThat(r).contains("key id"));
        assertThat(new TokenRules(Duration.ofHours(1), Set.of("*")).refusal(foreign, NOW, NOW + 60))
                .isEmpty();
    }
}
