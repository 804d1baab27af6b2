package io.imagecast.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresShutdownsAndAnExhaustedPoolAreUnavailability() {
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("terminating", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("too many clients", "53300"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException(
                        "Acquisition timeout while waiting for new connection", new TimeoutException()))))
                .isTrue();
    }

    @Test
    void aQueryThatFailsOnItsOwnIsNot() {
        assertThat(DatabaseUnavailable.isCause(wrapped(new SQLException("syntax error", "42601"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug")))
                .isFalse();
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("Error invoking subclass method", new IllegalStateException("JDBC", cause));
    }
}
