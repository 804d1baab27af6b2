package io.imagecast.session.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.Topics;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.session.TestBroker;
import io.imagecast.session.domain.OutboxEntry;
import io.imagecast.session.domain.OutboxRepository;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The broker refuses writes to the command topic (min.insync.replicas above the single replica, so
 * every acks=all produce fails): commands must wait in the outbox and go out once it accepts again.
 */
@Disabled("Kafka 4.1 (KIP-966) caps the effective min ISR at the replication factor, so this broker"
        + " never refuses the write; to be replaced by a test that stops and restarts a broker of its own")
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class OutboxOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    OutboxRepository outbox;

    @Test
    void commandsWrittenWhileTheBrokerRefusesWritesAreDeliveredAfterwards() throws Exception {
        String group = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        TestBroker.announceGroup(group, group + "-nas", NodeStatus.ONLINE, List.of(), 9950, 9959, 4);
        String id = await().atMost(WAIT).until(() -> createSession(group), created -> created != null);
        UUID sessionId = UUID.fromString(id);
        assertThat(TestBroker.commandsFor(sessionId, found -> !found.isEmpty(), WAIT))
                .hasSize(1);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap()))) {
            setMinInsyncReplicas(admin, "2");
            try {
                await().atMost(WAIT).until(OutboxOutageTest::brokerRefusesCommands);
                given().auth()
                        .oauth2(TestTokens.operator())
                        .post("/api/v1/sessions/" + id + "/cancel")
                        .then()
                        .statusCode(200);
                await().atMost(WAIT).untilAsserted(() -> {
                    OutboxEntry cancel = cancelEntry(sessionId);
                    assertThat(cancel.publishedAt).isNull();
                    assertThat(cancel.attempts).isGreaterThanOrEqualTo(1);
                    assertThat(cancel.lastError).contains("NotEnoughReplicas");
                });
            } finally {
                setMinInsyncReplicas(admin, "1");
            }
        }

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(cancelEntry(sessionId).publishedAt).isNotNull());
        assertThat(TestBroker.commandsFor(
                        sessionId,
                        found -> found.stream().anyMatch(r -> r.message() instanceof CancelTransferCommand),
                        WAIT))
                .anyMatch(r -> r.message() instanceof CancelTransferCommand);
    }

    private static String createSession(String group) {
        var response = given().auth()
                .oauth2(TestTokens.operator())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + group + "\", \"storageGroup\": \"" + group + "\","
                        + " \"image\": {\"dir\": \"win10\"}, \"expectedReceivers\": 3}")
                .post("/api/v1/sessions");
        return response.statusCode() == 201 ? response.path("id") : null;
    }

    private OutboxEntry cancelEntry(UUID sessionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.find(
                                "ceSubject = ?1 and ceType = ?2", sessionId.toString(), CancelTransferCommand.TYPE)
                        .firstResult());
    }

    /** Proves the outage is real before relying on it: an acks=all write to the topic fails. */
    private static boolean brokerRefusesCommands() {
        try (KafkaProducer<String, byte[]> probe = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                        ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(),
                new ByteArraySerializer())) {
            // No CloudEvents headers: the service's consumers never read this topic anyway.
            probe.send(new ProducerRecord<>(Topics.SESSION_COMMANDS, "probe", new byte[0]))
                    .get();
            return false;
        } catch (Exception e) {
            return String.valueOf(e.getMessage()).contains("NotEnoughReplicas");
        }
    }

    private static void setMinInsyncReplicas(Admin admin, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SESSION_COMMANDS);
        admin.incrementalAlterConfigs(Map.of(
                        topic,
                        List.of(new AlterConfigOp(
                                new ConfigEntry("min.insync.replicas", value), AlterConfigOp.OpType.SET))))
                .all()
                .get();
    }
}
