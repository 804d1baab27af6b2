package io.imagecast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.netlab.LabHost;
import io.imagecast.netlab.NetLab;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.KafkaTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged sender-service alone against real Kafka and stock udp-receivers in namespaces, driven by
 * commands as session-service sends them: the transfer itself, cancel, and graceful shutdown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SenderLabTest {
    static final String NODE = "lab-node";
    static final List<String> PARTITIONS = List.of("d1p1.img", "d1p2.img", "d1p3.img");

    Path workDir;
    Path storageRoot;
    EmbeddedKafka kafka;
    StorageLab lab;
    ServiceProcess sender;
    KafkaTap tap;
    final List<FogClient> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        String unavailable = NetLab.unavailableReason();
        assumeTrue(unavailable == null, () -> "sender lab skipped: " + unavailable);
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/udp-receiver")),
                "sender lab skipped: stock udp-receiver (Debian package udpcast) is not installed");
        Path projectRoot = Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path servicesRoot = Path.of(System.getProperty("imagecast.e2e.services-root", projectRoot.toString()));
        workDir = Files.createDirectories(projectRoot.resolve("e2e/target/sender-lab-" + System.currentTimeMillis()));
        storageRoot = Files.createDirectories(workDir.resolve("images"));
        Path image = Files.createDirectories(storageRoot.resolve("win10"));
        Random random = new Random(7);
        for (String partition : PARTITIONS) {
            byte[] data = new byte[3 * 1024 * 1024 + random.nextInt(4096)];
            random.nextBytes(data);
            Files.write(image.resolve(partition), data);
        }
        kafka = EmbeddedKafka.start();
        lab = StorageLab.create(3);
        tap = KafkaTap.connect(kafka.bootstrapServers(), "/imagecast/e2e").listen(Topics.TRANSFER_EVENTS);
        sender = ServiceProcess.start(
                servicesRoot,
                "sender-service",
                Map.of(
                        "IMAGECAST_KAFKA", kafka.bootstrapServers(),
                        "IMAGECAST_NODE_ID", NODE,
                        "IMAGECAST_STORAGE_ROOT", storageRoot.toString(),
                        "IMAGECAST_SENDER_STATE_DIR", workDir.resolve("state").toString(),
                        "IMAGECAST_SENDER_INTERFACE", lab.storageInterface()),
                workDir);
        sender.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() throws Exception {
        for (FogClient client : clients) {
            client.stop(lab);
        }
        if (sender != null) {
            sender.close();
        }
        if (tap != null) {
            tap.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void stockReceiversGetByteIdenticalPartitions() throws Exception {
        UUID session = UUID.randomUUID();
        send(command(session, 9100, null));
        List<FogClient> running = startClients(session, 9100);

        TransferCompleted completed = await().atMost(Duration.ofSeconds(90))
                .until(() -> events(session, TransferCompleted.class), list -> !list.isEmpty())
                .get(0);

        assertThat(completed.completedReceivers()).containsExactlyInAnyOrderElementsOf(addresses());
        assertThat(completed.dropped()).isEmpty();
        assertThat(events(session, FileCompleted.class))
                .extracting(FileCompleted::fileName)
                .containsExactlyElementsOf(PARTITIONS);
        assertThat(events(session, ReceiverJoined.class))
                .extracting(ReceiverJoined::address)
                .containsAll(addresses());
        for (FogClient client : running) {
            await().atMost(Duration.ofSeconds(10)).until(client::finished);
            assertThat(client.exitCode()).isZero();
            for (String partition : PARTITIONS) {
                assertThat(sha256(client.outputDir().resolve(partition)))
                        .as(client.host().address() + " " + partition)
                        .isEqualTo(sha256(storageRoot.resolve("win10").resolve(partition)));
            }
        }
    }

    @Test
    @Order(2)
    void cancelStopsARunningTransferWithinASecond() throws Exception {
        UUID session = UUID.randomUUID();
        // 4 Mbit/s: about 20 s for the image, so the cancel lands mid-transfer
        send(command(session, 9102, 4_000_000L));
        startClients(session, 9102);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !events(session, TransferProgress.class).isEmpty());

        long sent = System.nanoTime();
        send(new CancelTransferCommand(session, NODE, "operator cancelled"));
        TransferCancelled cancelled = await().atMost(Duration.ofSeconds(5))
                .until(() -> events(session, TransferCancelled.class), list -> !list.isEmpty())
                .get(0);

        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
        assertThat(cancelled.reason()).isEqualTo("operator cancelled");
        assertThat(events(session, TransferCompleted.class)).isEmpty();
    }

    @Test
    @Order(3)
    void shutdownCancelsRunningTransfersAndReportsThem() throws Exception {
        UUID session = UUID.randomUUID();
        send(command(session, 9104, null));
        // no receivers: the session waits, as FOG's would for late machines
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(session, io.imagecast.events.transfer.WaitingForReceivers.class)
                                .size()
                        > 0);

        sender.close();

        TransferCancelled cancelled = await().atMost(Duration.ofSeconds(10))
                .until(() -> events(session, TransferCancelled.class), list -> !list.isEmpty())
                .get(0);
        assertThat(cancelled.reason()).contains("shutting down");
    }

    private StartTransferCommand command(UUID session, int portBase, Long maxBitrate) {
        return new StartTransferCommand(
                session,
                NODE,
                "lab " + session,
                "win10",
                PARTITIONS,
                null,
                portBase,
                "239.202.0.1",
                null,
                3,
                List.of(),
                30,
                null,
                120,
                maxBitrate,
                true,
                32);
    }

    private List<FogClient> startClients(UUID session, int portBase) throws Exception {
        // FOS starts its first receiver only after the sender is up (it sleeps 10 s): a receiver whose one
        // CONNECT_REQ to a unicast rendezvous address finds no sender never sees the multicast HELLOs
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !events(session, io.imagecast.events.transfer.WaitingForReceivers.class)
                        .isEmpty());
        List<FogClient> started = new ArrayList<>();
        for (LabHost host : lab.clients()) {
            FogClient client = FogClient.start(
                    lab,
                    host,
                    portBase,
                    PARTITIONS,
                    workDir.resolve(session.toString()).resolve(host.address()));
            clients.add(client);
            started.add(client);
        }
        return started;
    }

    /** A command as session-service publishes it. */
    private void send(ImagecastMessage command) {
        tap.publish(Topics.SESSION_COMMANDS, command);
    }

    private <T extends TransferEvent> List<T> events(UUID session, Class<T> type) {
        return tap.messages(type).stream()
                .filter(event -> event.sessionId().equals(session))
                .toList();
    }

    private List<String> addresses() {
        return lab.clients().stream().map(LabHost::address).toList();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
