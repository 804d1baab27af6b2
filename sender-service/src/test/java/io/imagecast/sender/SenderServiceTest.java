package io.imagecast.sender;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.Topics;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.ObservedInterface;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferFailed;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderServiceTest {
    static final String NODE = "test-node";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "imagecast.sender.storage-root")
    Path storageRoot;

    KafkaTap kafka;

    @BeforeAll
    void setUp() throws Exception {
        Path image = Files.createDirectories(storageRoot.resolve("win10"));
        Files.write(image.resolve("d1p1.img"), new byte[64 * 1024]);
        Files.write(image.resolve("d1p2.img"), new byte[32 * 1024]);
        Path outside =
                Files.createDirectories(storageRoot.toAbsolutePath().getParent().resolve("outside"));
        Files.writeString(outside.resolve("secret.img"), "not an image");
        Files.deleteIfExists(image.resolve("escape.img"));
        Files.createSymbolicLink(
                image.resolve("escape.img"), outside.resolve("secret.img").toAbsolutePath());
        kafka = KafkaTap.connect(bootstrapServers, "/test/session-service")
                .listen(Topics.TRANSFER_EVENTS, Topics.NODE_HEARTBEATS);
    }

    @AfterAll
    void tearDown() {
        kafka.close();
    }

    @Test
    void missingImageFileFailsTheSessionNamingThePath() {
        UUID session = UUID.randomUUID();

        kafka.publish(Topics.SESSION_COMMANDS, start(session, NODE, "win10", List.of("d1p1.img", "d1p9.img"), null));

        TransferFailed failed = awaitEvent(session, TransferFailed.class);
        assertThat(failed.nodeId()).isEqualTo(NODE);
        // Relative to the storage root: the reason reaches viewers, the server's layout does not.
        assertThat(failed.reason()).isEqualTo("image file win10/d1p9.img does not exist");
        assertThat(eventsOf(session)).noneMatch(TransferAccepted.class::isInstance);
    }

    @Test
    void pathTraversalIsRefused() {
        UUID dotDot = UUID.randomUUID();
        UUID absolute = UUID.randomUUID();

        kafka.publish(Topics.SESSION_COMMANDS, start(dotDot, NODE, "win10", List.of("../../outside/secret.img"), null));
        kafka.publish(Topics.SESSION_COMMANDS, start(absolute, NODE, "/etc", List.of("passwd"), null));

        assertThat(awaitEvent(dotDot, TransferFailed.class).reason())
                .contains("../../outside/secret.img")
                .contains("'..' may not appear");
        assertThat(awaitEvent(absolute, TransferFailed.class).reason()).contains("must be relative");
    }

    @Test
    void symlinkEscapingTheStorageRootIsRefused() {
        UUID session = UUID.randomUUID();

        kafka.publish(Topics.SESSION_COMMANDS, start(session, NODE, "win10", List.of("escape.img"), null));

        assertThat(awaitEvent(session, TransferFailed.class).reason())
                .contains("escape.img")
                .contains("outside the storage root");
    }

    @Test
    void unknownInterfaceFailsAtOnceListingTheUsableOnes() {
        UUID session = UUID.randomUUID();

        kafka.publish(Topics.SESSION_COMMANDS, start(session, NODE, "win10", List.of("d1p1.img"), "nosuch0"));

        assertThat(awaitEvent(session, TransferFailed.class).reason())
                .startsWith("interface nosuch0 does not exist on this node; usable interfaces:");
    }

    @Test
    void commandsForAnotherNodeAreIgnored() {
        UUID foreign = UUID.randomUUID();
        UUID ours = UUID.randomUUID();

        kafka.publish(Topics.SESSION_COMMANDS, start(foreign, "other-node", "win10", List.of("missing.img"), null));
        kafka.publish(Topics.SESSION_COMMANDS, start(ours, NODE, "win10", List.of("missing.img"), null));

        // Same partition, so once ours is answered the foreign one has been seen and skipped.
        awaitEvent(ours, TransferFailed.class);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> eventsOf(foreign).isEmpty());
    }

    @Test
    void duplicateStartIsIgnoredAndCancelEndsTheTransfer() {
        UUID session = UUID.randomUUID();
        StartTransferCommand command = start(session, NODE, "win10", List.of("d1p1.img", "d1p2.img"), null);

        kafka.publish(Topics.SESSION_COMMANDS, command);
        TransferAccepted accepted = awaitEvent(session, TransferAccepted.class);
        assertThat(accepted.fileCount()).isEqualTo(2);
        assertThat(accepted.totalBytes()).isEqualTo(96 * 1024);
        WaitingForReceivers waiting = awaitEvent(session, WaitingForReceivers.class);
        assertThat(waiting.portBase()).isEqualTo(command.portBase());

        given().auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/transfers/" + session)
                .then()
                .statusCode(200)
                .body("state", equalTo("WAITING_FOR_RECEIVERS"))
                .body("fileCount", equalTo(2))
                .body("totalBytes", equalTo(96 * 1024));
        given().auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/transfers")
                .then()
                .statusCode(200)
                .body("sessionId", hasItem(session.toString()));

        kafka.publish(Topics.SESSION_COMMANDS, command);
        kafka.publish(Topics.SESSION_COMMANDS, new CancelTransferCommand(session, NODE, "operator changed their mind"));

        TransferCancelled cancelled = awaitEvent(session, TransferCancelled.class);
        assertThat(cancelled.reason()).isEqualTo("operator changed their mind");
        assertThat(eventsOf(session).stream().filter(TransferAccepted.class::isInstance))
                .hasSize(1);
        given().auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/transfers/" + session)
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"));

        // a start redelivered after the session ended is ignored as well
        kafka.publish(Topics.SESSION_COMMANDS, command);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> eventsOf(session).stream()
                                .filter(TransferAccepted.class::isInstance)
                                .count()
                        == 1);
    }

    @Test
    void cancelBeforeStartIsConfirmedAndTheLateStartIgnored() {
        UUID session = UUID.randomUUID();

        kafka.publish(Topics.SESSION_COMMANDS, new CancelTransferCommand(session, NODE, "not needed"));
        awaitEvent(session, TransferCancelled.class);
        kafka.publish(Topics.SESSION_COMMANDS, start(session, NODE, "win10", List.of("d1p1.img"), null));
        UUID sentinel = UUID.randomUUID();
        kafka.publish(Topics.SESSION_COMMANDS, start(sentinel, NODE, "win10", List.of("missing.img"), null));

        awaitEvent(sentinel, TransferFailed.class);
        assertThat(eventsOf(session)).hasSize(1);
    }

    @Test
    void expiredStartCommandFailsInsteadOfRunning() {
        UUID session = UUID.randomUUID();
        StartTransferCommand command = start(session, NODE, "win10", List.of("d1p1.img"), null);
        EventMetadata old = new EventMetadata(
                UUID.randomUUID().toString(),
                EventTypes.typeOf(command),
                "/test/session-service",
                Instant.now().minus(Duration.ofHours(2)),
                null);

        kafka.publish(Topics.SESSION_COMMANDS, command, old);

        assertThat(awaitEvent(session, TransferFailed.class).reason()).startsWith("start command expired");
    }

    @Test
    void heartbeatsReportInterfacesAndStorage() {
        NodeHeartbeat heartbeat = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> kafka.messages(NodeHeartbeat.class).stream()
                                .filter(h -> h.nodeId().equals(NODE))
                                .reduce((first, second) -> second),
                        java.util.Optional::isPresent)
                .orElseThrow();

        assertThat(heartbeat.interfaces()).extracting(ObservedInterface::name).contains("lo");
        assertThat(heartbeat.storageRootReadable()).isTrue();
        assertThat(heartbeat.freeSlots()).isBetween(0, 4);
        // other test classes' senders share this JVM's broker under node ids of their own
        assertThat(kafka.heard())
                .filteredOn(r ->
                        r.message() instanceof NodeHeartbeat h && h.nodeId().equals(NODE))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.key()).isEqualTo(NODE);
                    assertThat(r.metadata().type()).isEqualTo(NodeHeartbeat.TYPE);
                });
    }

    @Test
    void readApiNeedsAToken() {
        given().when().get("/api/v1/transfers").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.forGroups("auditor"))
                .when()
                .get("/api/v1/transfers")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/transfers/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/transfer-not-found"));
    }

    private static StartTransferCommand start(
            UUID session, String node, String imageDir, List<String> files, String interfaceName) {
        return new StartTransferCommand(
                session,
                node,
                "test " + session,
                imageDir,
                files,
                interfaceName,
                // an even port per session so concurrent tests never share one
                20000 + 2 * Math.floorMod(session.hashCode(), 10000),
                null,
                null,
                1,
                List.of(),
                null,
                null,
                60,
                null,
                true,
                1);
    }

    private List<TransferEvent> eventsOf(UUID session) {
        return kafka.messages(TransferEvent.class).stream()
                .filter(e -> e.sessionId().equals(session))
                .toList();
    }

    private <T extends TransferEvent> T awaitEvent(UUID session, Class<T> type) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> eventsOf(session).stream()
                                .filter(type::isInstance)
                                .map(type::cast)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }
}
