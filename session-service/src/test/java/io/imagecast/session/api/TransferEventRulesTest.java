package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.service.TransferEventHandler;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one transfer event may do to its session, applied through the real handler (one transaction
 * each, as the Kafka consumer does) against the real database.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class TransferEventRulesTest extends SessionTestSupport {
    private static final List<String> BOTH = List.of("10.9.0.11", "10.9.0.12");

    @Inject
    TransferEventHandler handler;

    @Inject
    SessionRepository sessions;

    @Inject
    MeterRegistry registry;

    @Test
    void transferCompletedAfterALostTransferStartedEndsTheSessionAndFreesItsSlot() {
        String group = unique("lost-start");
        String master = onlineGroup(group, 9800, 9809, 4);
        UUID id = UUID.fromString(create(unique("lost-start"), group));
        apply(new WaitingForReceivers(id, master, 0, 9800, 2));
        apply(new ReceiverJoined(id, master, "10.9.0.11", 0, 1));
        apply(new ReceiverJoined(id, master, "10.9.0.12", 0, 2));
        // TransferStarted and every progress sample were lost.
        apply(new TransferCompleted(id, master, BOTH, List.of(), 3000, 2.0));

        JsonPath view = view(id);
        assertThat(view.getString("state")).isEqualTo("COMPLETED");
        assertThat(view.getList("receivers.state", String.class)).containsOnly("COMPLETED");
        assertThat(view.getString("startedAt")).isNotNull();
        assertThat(stored(id).holdsSlot).as("port released").isFalse();
    }

    @Test
    void aRejectedEventChangesNothingAndIsCounted() {
        String group = unique("rejected");
        String master = onlineGroup(group, 9810, 9819, 4);
        UUID id = UUID.fromString(create(unique("rejected"), group));
        operator().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(200);
        Session before = stored(id);
        double rejected = illegalTransitions(TransferProgress.TYPE);

        apply(new TransferProgress(
                id, master, 0, 2, 500, 3000, 8_000_000, 0, List.of(new ReceiverProgress("10.9.0.11", 500))));

        Session after = stored(id);
        assertThat(after.version).isEqualTo(before.version);
        assertThat(after.lastSenderActivity).isEqualTo(before.lastSenderActivity);
        assertThat(after.bytesSent).isZero();
        assertThat(illegalTransitions(TransferProgress.TYPE)).isEqualTo(rejected + 1);
    }

    private void apply(TransferEvent event) {
        apply(event, Instant.now());
    }

    private void apply(TransferEvent event, Instant time) {
        handler.handle(
                new EventMetadata(
                        UUID.randomUUID().toString(),
                        EventTypes.typeOf(event),
                        "/test",
                        time,
                        event.sessionId().toString()),
                event);
    }

    private double illegalTransitions(String eventType) {
        Counter counter = registry.find("imagecast.session.illegal.transitions")
                .tag("event", eventType)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Session stored(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> sessions.findById(id));
    }

    private static JsonPath view(UUID id) {
        return as(TestTokens.viewer())
                .get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
