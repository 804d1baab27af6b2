package io.imagecast.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's lifecycle as a service drives it: start, nudge after a commit, gauge, stop, start again. */
class ManagedRelayTest {
    /** Longer than any test: whatever goes out, goes out because of start or a nudge. */
    private static final Duration NEVER = Duration.ofHours(1);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DataSource dataSource;
    private String topic;

    @BeforeEach
    void emptyOutbox() throws Exception {
        dataSource = OutboxTables.freshOutbox();
        topic = "outbox-managed-" + UUID.randomUUID();
    }

    @Test
    void aNudgePublishesRightAwayInsteadOfAtTheNextPoll() throws Exception {
        ManagedRelay relay = relay(SharedInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(10));
        try {
            relay.start();
            // The start's own run finds nothing; the next one is an hour away unless nudged.
            await().atMost(WAIT).until(() -> relay.runs() >= 1);
            write("first");
            assertThat(relay.pending()).as("the gauge counts the waiting row").isEqualTo(1.0);

            relay.nudge();

            await().atMost(WAIT).until(() -> OutboxTables.count(dataSource) == 0);
            assertThat(relay.pending()).isZero();
        } finally {
            relay.stop();
        }
    }

    @Test
    void whileStoppedNothingIsPublishedAndTheGaugeShowsAGap() throws Exception {
        ManagedRelay relay = relay(SharedInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(10));
        assertThat(relay.running()).isFalse();
        assertThat(relay.pending()).isNaN();
        relay.nudge();
        relay.stop();

        relay.start();
        relay.start();
        assertThat(relay.running()).isTrue();
        relay.stop();
        write("while stopped");
        relay.nudge();
        assertThat(relay.running()).isFalse();
        assertThat(relay.pending()).isNaN();
        assertThat(OutboxTables.count(dataSource))
                .as("the row waits for the next start")
                .isEqualTo(1);

        relay.start();
        try {
            await().atMost(WAIT).until(() -> OutboxTables.count(dataSource) == 0);
        } finally {
            relay.stop();
        }
    }

    @Test
    void stopReturnsPromptlyWhileAPassWaitsForAnUnreachableBroker() throws Exception {
        // Port 1 on loopback: nothing listens there, and a pass would wait a minute for it.
        ManagedRelay relay = relay("127.0.0.1:1", Duration.ofMinutes(1));
        write("stuck");
        relay.start();
        relay.nudge();

        long began = System.nanoTime();
        relay.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(relay.running()).isFalse();
        assertThat(OutboxTables.count(dataSource))
                .as("the row waits for the next start")
                .isEqualTo(1);
    }

    private ManagedRelay relay(String bootstrapServers, Duration sendTimeout) {
        return new ManagedRelay(
                dataSource,
                bootstrapServers,
                new OutboxSettings("imagecast/test", "outbox-test-managed", NEVER, 10, sendTimeout));
    }

    private void write(String value) throws Exception {
        OutboxTables.commitRow(dataSource, topic, value);
    }
}
