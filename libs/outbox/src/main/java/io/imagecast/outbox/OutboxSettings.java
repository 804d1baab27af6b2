package io.imagecast.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service relays its outbox.
 *
 * @param source CloudEvents {@code source} of every record this service publishes
 * @param clientId Kafka client id of the relay's producer
 * @param pollInterval pause between relay runs when nothing nudged the relay
 * @param batchSize rows claimed per transaction (at most one per key)
 * @param sendTimeout how long one run waits for the broker before leaving the rows for the next run
 */
public record OutboxSettings(
        String source, String clientId, Duration pollInterval, int batchSize, Duration sendTimeout) {
    public OutboxSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
    }
}
