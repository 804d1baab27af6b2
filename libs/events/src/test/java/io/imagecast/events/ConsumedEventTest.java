package io.imagecast.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.node.NodeHeartbeat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ConsumedEventTest {
    private static final EventMetadata METADATA =
            new EventMetadata("id-1", NodeHeartbeat.TYPE, "/test", Instant.parse("2026-01-01T00:00:00Z"), "nas-1");

    @Test
    void aRecordWithHeadersAndAReadableValueGivesItsMetadataAndMessage() {
        NodeHeartbeat heartbeat = new NodeHeartbeat(
                "nas-1",
                "nas-1.lab",
                Instant.parse("2026-01-01T00:00:00Z"),
                List.of(),
                List.of(),
                3,
                "/images",
                true,
                "1.0");

        Optional<ConsumedEvent> event = ConsumedEvent.from(record(METADATA, EventJson.toBytes(heartbeat)));

        assertThat(event).contains(new ConsumedEvent(METADATA, heartbeat));
    }

    @Test
    void recordsWithoutHeadersWithoutValueOrWithAnUnreadableValueAreSkipped() {
        assertThat(ConsumedEvent.from(record(null, "{}".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
        assertThat(ConsumedEvent.from(record(METADATA, null))).isEmpty();
        assertThat(ConsumedEvent.from(record(METADATA, "{not json".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
        EventMetadata unknownType = new EventMetadata("id-2", "imagecast.nope.v1", "/test", Instant.now(), null);
        assertThat(ConsumedEvent.from(record(unknownType, "{}".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(EventMetadata metadata, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        if (metadata != null) {
            CloudEventHeaders.write(metadata, headers);
        }
        return new ConsumerRecord<>(
                "imagecast.test.v1",
                0,
                7L,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                "nas-1",
                value,
                headers,
                Optional.empty());
    }
}
