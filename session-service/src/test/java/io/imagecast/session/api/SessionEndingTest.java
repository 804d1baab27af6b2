package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.session.service.TransferEventHandler;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cancel ends a session by the same rule as the sender's verdict and liveness, and is counted like them. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionEndingTest extends SessionTestSupport {
    @Inject
    TransferEventHandler handler;

    @Inject
    MeterRegistry registry;

    @Test
    void cancelEndsJoinedHostsCancelledAndNeverJoinedHostsMissingAndIsCounted() {
        String group = unique("end-cancel");
        String master = onlineGroup(group, 9820, 9829, 4);
        UUID id = UUID.fromString(create(unique("end-cancel"), group));
        apply(new ReceiverJoined(id, master, "10.9.0.11", 0, 1));
        double cancelled = finished("CANCELLED");

        JsonPath view = operator()
                .post("/api/v1/sessions/" + id + "/cancel")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(view.getString("state")).isEqualTo("CANCELLED");
        assertThat(view.getString("receivers.find { it.name == 'pc-1' }.state")).isEqualTo("CANCELLED");
        assertThat(view.getString("receivers.find { it.name == 'pc-1' }.reason"))
                .startsWith("session CANCELLED: cancelled by ");
        assertThat(view.getString("receivers.find { it.name == 'pc-2' }.state")).isEqualTo("MISSING");
        assertThat(view.getString("receivers.find { it.name == 'pc-2' }.reason"))
                .isEqualTo("never joined");
        assertThat(finished("CANCELLED")).isEqualTo(cancelled + 1);
        assertThat(as(TestTokens.viewer())
                        .get("/api/v1/sessions/" + id)
                        .jsonPath()
                        .getString("state"))
                .isEqualTo("CANCELLED");
    }

    private double finished(String state) {
        Counter counter =
                registry.find("imagecast.session.finished").tag("state", state).counter();
        return counter == null ? 0 : counter.count();
    }

    private void apply(TransferEvent event) {
        handler.handle(
                new EventMetadata(
                        UUID.randomUUID().toString(),
                        EventTypes.typeOf(event),
                        "/test",
                        Instant.now(),
                        event.sessionId().toString()),
                event);
    }
}
