package io.imagecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.testsupport.KafkaTap.TappedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaTapTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaTap tap;

    @BeforeAll
    static void connect() {
        tap = KafkaTap.connect(SharedInfrastructure.kafkaBootstrapServers(), "/test/tap");
    }

    @AfterAll
    static void disconnect() {
        tap.close();
    }

    @Test
    void aPublishedEventIsReadBackWithItsKeyAndCloudEventsAttributes() {
        String topic = topic();
        UUID session = UUID.randomUUID();
        TransferCancelled cancelled = new TransferCancelled(session, "node-1", "operator");

        EventMetadata sent = tap.publish(topic, cancelled);

        List<TappedEvent> read = tap.read(topic, event -> true, found -> !found.isEmpty(), WAIT);
        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo(topic);
            assertThat(event.key()).isEqualTo(cancelled.key());
            assertThat(event.metadata()).isEqualTo(sent);
            assertThat(event.metadata().type()).isEqualTo(TransferCancelled.TYPE);
            assertThat(event.metadata().source()).isEqualTo("/test/tap");
            assertThat(event.message()).isEqualTo(cancelled);
        });
    }

    @Test
    void readKeepsOnlyWhatItIsAskedForAndSkipsUndecodableRecords() {
        String topic = topic();
        UUID wanted = UUID.randomUUID();
        tap.publishRaw(topic, "k", "{}".getBytes(StandardCharsets.UTF_8), null);
        tap.publish(topic, new TransferCancelled(UUID.randomUUID(), "node-1", "other"));
        tap.publishRaw(
                topic,
                "k",
                "{not json".getBytes(StandardCharsets.UTF_8),
                EventMetadata.newEvent(TransferCancelled.TYPE, "/test/tap", null));
        tap.publish(topic, new TransferCancelled(wanted, "node-1", "wanted"));

        List<TappedEvent> read = tap.read(
                topic,
                event -> ((TransferCancelled) event.message()).sessionId().equals(wanted),
                found -> !found.isEmpty(),
                WAIT);

        assertThat(read)
                .extracting(TappedEvent::message)
                .containsExactly(new TransferCancelled(wanted, "node-1", "wanted"));
    }

    @Test
    void aTopicThatDoesNotExistReadsAsNothingOnceTheTimeoutPasses() {
        assertThat(tap.read(topic(), event -> true, found -> false, Duration.ofMillis(500)))
                .isEmpty();
    }

    @Test
    void aListeningTapHearsEveryEventOfItsTopicsFromTheFirstRecord() {
        String topic = topic();
        // One key, one partition: the order of arrival is the order of publication.
        UUID session = UUID.randomUUID();
        TransferCancelled before = new TransferCancelled(session, "node-1", "before");
        TransferCancelled after = new TransferCancelled(session, "node-1", "after");
        tap.publish(topic, before);

        try (KafkaTap listening =
                KafkaTap.connect(tap.bootstrapServers(), "/test/listener").listen(topic)) {
            tap.publish(topic, after);
            await().atMost(WAIT)
                    .until(() -> listening.messages(TransferCancelled.class).size() == 2);
            assertThat(listening.messages(TransferCancelled.class)).containsExactly(before, after);
            assertThat(listening.heard()).extracting(TappedEvent::topic).containsOnly(topic);
        }
    }

    @Test
    void replayPublishesEveryRecordAgainNewestFirstWithItsHeaders() {
        String topic = topic();
        UUID session = UUID.randomUUID();
        TransferCancelled first = new TransferCancelled(session, "node-1", "first");
        TransferCancelled second = new TransferCancelled(session, "node-1", "second");
        EventMetadata firstSent = tap.publish(topic, first);
        EventMetadata secondSent = tap.publish(topic, second);

        assertThat(tap.replayReversed(topic, WAIT)).isEqualTo(2);

        assertThat(tap.records(topic, WAIT)).hasSize(4);
        List<TappedEvent> read = tap.read(topic, event -> true, found -> found.size() == 4, WAIT);
        assertThat(read).extracting(TappedEvent::message).containsExactly(first, second, second, first);
        assertThat(read)
                .extracting(event -> event.metadata().id())
                .containsExactly(firstSent.id(), secondSent.id(), secondSent.id(), firstSent.id());
    }

    private static String topic() {
        return "imagecast.test.tap." + UUID.randomUUID();
    }
}
