package io.imagecast.session.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.Topics;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.session.TestBroker;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.domain.StorageNodeRepository;
import io.imagecast.testsupport.DedicatedKafkaTestResource;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.InjectEmbeddedKafka;
import io.imagecast.testsupport.KafkaTap.TappedEvent;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The broker process is really down while a session is created: the API still answers 201, the
 * start command waits in the outbox, and once the same broker is back (same port, same data) the
 * relay's producer, created before the outage, delivers it exactly as it would have.
 */
@QuarkusTest
@TestProfile(OutboxOutageTest.OwnBroker.class)
class OutboxOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** A broker this class may stop; the shared per-JVM broker stays untouched for other classes. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(PostgresTestResource.class),
                    new TestResourceEntry(DedicatedKafkaTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The outage may outlast the 20 s liveness limit on a loaded machine (a broker restart
            // took 24 s there); the session must still be open when its sender event arrives.
            return Map.of(
                    "imagecast.session.outbox.send-timeout", "2s",
                    "imagecast.session.liveness.sender-lost-after", "5m");
        }
    }

    @InjectEmbeddedKafka
    EmbeddedKafka kafka;

    @Inject
    DataSource dataSource;

    /** An outbox row still waiting to be published. */
    record Pending(long id, String eventId, int attempts, String lastError) {}

    @Inject
    StorageNodeRepository nodes;

    @Test
    void aSessionCreatedWhileTheBrokerIsDownIsDeliveredAfterItComesBack() throws Exception {
        assertThat(kafka).as("the dedicated broker was injected").isNotNull();
        assertThat(TestBroker.bootstrap())
                .as("the service talks to the dedicated broker")
                .isEqualTo(kafka.bootstrapServers());
        String group = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String master = group + "-nas";
        TestBroker.announceGroup(group, master, NodeStatus.ONLINE, List.of(), 9950, 9959, 4);
        await().atMost(WAIT).until(() -> {
            StorageNode node = QuarkusTransaction.requiringNew().call(() -> nodes.findById(master));
            return node != null && node.status == NodeStatus.ONLINE;
        });
        // A first session proves the relay's producer is connected before the broker goes away.
        UUID before = UUID.fromString(createSession(group, "before"));
        assertThat(TestBroker.commandsFor(before, found -> !found.isEmpty(), WAIT))
                .isNotEmpty();
        await().atMost(WAIT).until(() -> startEntry(before).isEmpty());

        kafka.stop();
        UUID during = UUID.fromString(createSession(group, "during"));
        assertThat(stateOf(during)).isEqualTo("DISPATCHED");
        Pending entry = startEntry(during).orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(startEntry(during)).as("the command waits in the outbox").isPresent();
            // A relay pass sends in id order and stops at the first failed send, so the row it keeps
            // retrying is the oldest pending one (a leftover of another test class may precede ours).
            Pending head = oldestPending();
            assertThat(head.attempts())
                    .as("the relay tried while the broker was down")
                    .isGreaterThanOrEqualTo(2);
            assertThat(head.lastError()).isNotBlank();
        });

        kafka.restart();
        await().atMost(WAIT).until(() -> startEntry(during).isEmpty());
        List<TappedEvent> received = TestBroker.commandsFor(during, found -> !found.isEmpty(), WAIT);
        assertThat(received).isNotEmpty();
        TappedEvent command = received.get(0);
        assertThat(command.key()).isEqualTo(master);
        assertThat(command.metadata().id()).isEqualTo(entry.eventId());
        assertThat(command.metadata().type()).isEqualTo(StartTransferCommand.TYPE);
        assertThat(command.metadata().source()).isEqualTo("imagecast/session-service");
        assertThat(command.metadata().subject()).isEqualTo(during.toString());
        assertThat(command.metadata().time()).isNotNull();
        assertThat(command.message()).isInstanceOfSatisfying(StartTransferCommand.class, start -> {
            assertThat(start.sessionId()).isEqualTo(during);
            assertThat(start.nodeId()).isEqualTo(master);
        });
        assertThat(received)
                .as("at-least-once may repeat a record, never with another ce_id")
                .allMatch(r -> r.metadata().id().equals(entry.eventId()));

        // The service's consumers recovered as well: a sender event after the outage is applied.
        TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(during, master, 0, 0, 3));
        await().atMost(WAIT).until(() -> "WAITING_FOR_RECEIVERS".equals(stateOf(during)));
    }

    private static String createSession(String group, String name) {
        return given().auth()
                .oauth2(TestTokens.operator())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + group + "-" + name + "\", \"storageGroup\": \"" + group + "\","
                        + " \"image\": {\"dir\": \"win10\"}, \"expectedReceivers\": 3}")
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String stateOf(UUID id) {
        return given().auth()
                .oauth2(TestTokens.viewer())
                .get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    private Pending oldestPending() throws SQLException {
        return pending("select * from outbox_message order by id limit 1").orElseThrow();
    }

    private Optional<Pending> startEntry(UUID sessionId) throws SQLException {
        return pending(
                "select * from outbox_message where ce_subject = ? and ce_type = ?",
                sessionId.toString(),
                StartTransferCommand.TYPE);
    }

    private Optional<Pending> pending(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Pending(
                                rows.getLong("id"),
                                rows.getString("event_id"),
                                rows.getInt("attempts"),
                                rows.getString("last_error")))
                        : Optional.empty();
            }
        }
    }
}
