package io.imagecast.service.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantRangeTest {

    @Test
    void anInstantBeyondTheYear9999IsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> InstantRange.parse("createdAfter", "+1000000000-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("createdAfter"));
        assertThatThrownBy(() -> InstantRange.parse("to", "-5000-01-01T00:00:00Z"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("to: must be an ISO-8601 instant between");
    }

    @Test
    void theLimitsThemselvesAndOrdinaryInstantsPass() {
        assertThat(InstantRange.parse("from", "9999-12-31T23:59:59Z")).isEqualTo("9999-12-31T23:59:59Z");
        assertThat(InstantRange.parse("from", " 2026-01-31T12:00:00Z "))
                .isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(InstantRange.contains(InstantRange.EARLIEST)).isTrue();
    }
}
