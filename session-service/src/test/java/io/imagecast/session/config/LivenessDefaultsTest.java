package io.imagecast.session.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A sender that goes silent fails its session at the first liveness check after
 * {@code sender-lost-after} (LivenessTest proves that bound); by default that must stay within 30 s
 * of the sender's last event, heartbeats coming every 5 s.
 */
class LivenessDefaultsTest {
    private static final Duration GOAL = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    @Test
    void aSilentSenderFailsItsSessionWithinThirtySecondsByDefault() throws Exception {
        Duration lostAfter = defaultOf("senderLostAfter");
        Duration checkInterval = defaultOf("checkInterval");

        assertThat(lostAfter.plus(checkInterval)).isLessThanOrEqualTo(GOAL);
        assertThat(lostAfter)
                .as("several heartbeats may be missed before a node counts as lost")
                .isGreaterThanOrEqualTo(HEARTBEAT_INTERVAL.multipliedBy(3));
    }

    private static Duration defaultOf(String property) throws NoSuchMethodException {
        String value = SessionConfig.Liveness.class
                .getMethod(property)
                .getAnnotation(WithDefault.class)
                .value();
        return Duration.parse("PT" + value.toUpperCase());
    }
}
