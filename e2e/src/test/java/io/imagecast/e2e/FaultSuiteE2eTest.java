package io.imagecast.e2e;

import static io.imagecast.e2e.E2eSystem.PARTITIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.events.Topics;
import io.imagecast.netlab.LabHost;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected while sessions run, one at a time, against the whole system ({@link E2eSystem}). Each
 * case asserts that the session ends in the right state within its bound and that every service is
 * ready again without a manual restart (a killed service is restarted as its supervisor would), and
 * records a row: what was injected, what was observed, how long recovery took. The table goes to
 * {@code e2e/target/fault-suite.md}. The long cases (PostgreSQL down for 90 s) run only with
 * {@code -Dimagecast.faults=full}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteE2eTest {
    /** Slow enough (about 13 s for the image) that a fault lands in the middle of the transfer. */
    static final long SLOW_BPS = 8_000_000L;

    static final Duration READY_AGAIN = Duration.ofSeconds(60);
    /** How long log-service may take to store a session's last lines once the session ended. */
    static final Duration LOGS_STORED = Duration.ofSeconds(30);

    static final boolean FULL = "full".equals(System.getProperty("imagecast.faults"));

    E2eSystem system;
    final FaultReport report = new FaultReport();

    @BeforeAll
    void startTheSystem() throws Exception {
        String unavailable = E2eSystem.unavailableReason();
        assumeTrue(unavailable == null, () -> "fault suite skipped: " + unavailable);
        system = E2eSystem.start("faults", 2, true);
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        try {
            if (system != null) {
                Path table = system.workDir.getParent().resolve("fault-suite.md");
                System.out.println(report.write(table));
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    @Test
    @Order(1)
    void kafkaPausedForTwentySecondsMidTransfer() throws Exception {
        survivesMidTransfer(
                "Kafka paused 20 s", "SIGSTOP of the broker at 20 % of the transfer, SIGCONT 20 s later", 0.2, port -> {
                    system.kafka.pause();
                    Thread.sleep(20_000);
                    system.kafka.resume();
                });
    }

    @Test
    @Order(2)
    void kafkaKilledAndRestartedMidTransfer() throws Exception {
        survivesMidTransfer(
                "Kafka stopped and restarted",
                "broker stopped at 20 % of the transfer, started again 5 s later (same data)",
                0.2,
                port -> {
                    system.kafka.stop();
                    Thread.sleep(5_000);
                    system.kafka.restart();
                });
    }

    @Test
    @Order(3)
    void postgresDownTenSecondsMidTransfer() throws Exception {
        postgresDownMidTransfer(Duration.ofSeconds(10));
    }

    @Test
    @Order(4)
    void postgresDownNinetySecondsMidTransfer() throws Exception {
        assumeTrue(FULL, "long case: run with -Dimagecast.faults=full");
        postgresDownMidTransfer(Duration.ofSeconds(90));
    }

    @Test
    @Order(5)
    void postgresDownNinetySecondsIdle() throws Exception {
        assumeTrue(FULL, "long case: run with -Dimagecast.faults=full");
        system.postgres.stop();
        Thread.sleep(90_000);
        system.postgres.restart();
        long restarted = System.nanoTime();

        String session = system.createSession("after-idle-outage", PARTITIONS, null);
        List<FogClient> clients = system.startClients(session, PARTITIONS);
        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(90));
        awaitAllReady();
        Check logs = Check.of(() -> system.assertSessionLogComplete(session, LOGS_STORED));
        record(
                "PostgreSQL down 90 s, idle",
                "database stopped with no session running, started again 90 s later",
                done,
                since(restarted),
                "COMPLETED",
                "COMPLETED (a session created afterwards)",
                logs);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
        system.assertClientsGotTheImage(clients);
        system.assertEveryEventAppliedOnce(done, PARTITIONS);
        logs.rethrow();
    }

    @Test
    @Order(6)
    void tenThousandMalformedDatagramsAtTheSenderDuringATransfer() throws Exception {
        survivesMidTransfer(
                "Malformed datagrams",
                "10000 datagrams (random bytes, truncated and bogus udpcast headers) to the sender's ports P and "
                        + "P+1 during the transfer",
                0.1,
                portBase -> floodWithMalformedDatagrams(portBase, 10_000));
    }

    @Test
    @Order(7)
    void senderServiceKilledMidTransfer() throws Exception {
        String session = system.createSession("sender-killed", PARTITIONS, SLOW_BPS);
        List<FogClient> orphans = system.startClients(session, PARTITIONS);
        system.awaitProgress(session, 0.2, Duration.ofSeconds(60));

        long killed = System.nanoTime();
        system.sender.kill();
        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(60));
        Duration toFailed = since(killed);
        for (FogClient orphan : orphans) {
            orphan.kill(system.lab); // their sender is gone; FOS would reboot them into the next task
        }

        system.sender.restart();
        long restarted = System.nanoTime();
        awaitAllReady();
        String next = system.createSession("after-sender-restart", PARTITIONS, null);
        List<FogClient> clients = system.startClients(next, PARTITIONS);
        JsonPath nextDone = system.awaitTerminal(next, Duration.ofSeconds(90));
        // the killed process's unsent lines died with it: the check is on the session after the restart
        Check logs = Check.of(() -> "next session: " + system.assertSessionLogComplete(next, LOGS_STORED));
        record(
                "sender-service killed",
                "kill -9 of sender-service at 20 % of the transfer; restarted as a supervisor would",
                done,
                since(restarted),
                "FAILED",
                "FAILED within 30 s (" + FaultReport.seconds(toFailed) + "), the next session "
                        + nextDone.getString("state"),
                logs);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("FAILED");
        assertThat(done.getString("reason")).as(done.prettify()).isNotBlank();
        assertThat(toFailed).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(nextDone.getString("state")).as(nextDone.prettify()).isEqualTo("COMPLETED");
        system.assertClientsGotTheImage(clients);
        system.assertEveryEventAppliedOnce(nextDone, PARTITIONS);
        logs.rethrow();
    }

    @Test
    @Order(8)
    void everyTopicReplayedReversedAfterASession() throws Exception {
        String session = system.createSession("replayed", PARTITIONS, null);
        List<FogClient> clients = system.startClients(session, PARTITIONS);
        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(90));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
        system.assertClientsGotTheImage(clients);
        String before = system.sessionView(session).prettify();
        List<String> transfersBefore = senderTransfers();

        long replayed = System.nanoTime();
        StringBuilder counts = new StringBuilder();
        for (String topic :
                List.of(Topics.SESSION_COMMANDS, Topics.TRANSFER_EVENTS, Topics.NODE_EVENTS, Topics.NODE_HEARTBEATS)) {
            int n;
            try (KafkaTap tap = KafkaTap.connect(system.kafka.bootstrapServers(), "/imagecast/e2e")) {
                n = tap.replayReversed(topic, Duration.ofSeconds(30));
            }
            counts.append(counts.isEmpty() ? "" : ", ").append(n).append(" on ").append(topic);
        }
        // the copies are consumed within seconds; nothing they carry may change what is stored or running
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> system.sessionView(session).prettify().equals(before)
                        && senderTransfers().equals(transfersBefore));

        String next = system.createSession("after-replay", PARTITIONS, null);
        List<FogClient> nextClients = system.startClients(next, PARTITIONS);
        JsonPath nextDone = system.awaitTerminal(next, Duration.ofSeconds(90));
        Check logs = Check.of(() -> "replayed session: " + system.assertSessionLogComplete(session, LOGS_STORED)
                + "; next session: " + system.assertSessionLogComplete(next, LOGS_STORED));
        record(
                "Duplicated and reordered events",
                "every record of the commands, transfer-events, node-events and heartbeats topics published once "
                        + "more, newest first (" + counts + ")",
                nextDone,
                since(replayed),
                "COMPLETED",
                "the finished session's view and the sender's transfers unchanged for 10 s, a new session "
                        + "COMPLETED",
                logs);
        assertThat(nextDone.getString("state")).as(nextDone.prettify()).isEqualTo("COMPLETED");
        system.assertClientsGotTheImage(nextClients);
        system.assertEveryEventAppliedOnce(system.sessionView(session), PARTITIONS);
        system.assertEveryEventAppliedOnce(nextDone, PARTITIONS);
        logs.rethrow();
    }

    /** Last: the clients' links are deleted, so nothing can run in this lab afterwards. */
    @Test
    @Order(100)
    void clientsNetworkRemovedMidTransfer() throws Exception {
        String session = system.createSession("clients-gone", PARTITIONS, SLOW_BPS);
        system.startClients(session, PARTITIONS);
        system.awaitProgress(session, 0.2, Duration.ofSeconds(60));

        long removed = System.nanoTime();
        for (LabHost client : system.lab.clients()) {
            system.lab.netLab().run(client, List.of("ip", "link", "del", LabHost.INTERFACE));
        }
        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(60));
        Duration toEnd = since(removed);
        awaitAllReady();
        Check logs = Check.of(() -> system.assertSessionLogComplete(session, LOGS_STORED));
        record(
                "Clients' network removed",
                "every client's link deleted at 20 % of the transfer",
                done,
                toEnd,
                "FAILED",
                "FAILED with the receivers dropped, within the receiver timeout (10 s) + 20 s",
                logs);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("FAILED");
        assertThat(done.getList("receivers.state")).containsOnly("DROPPED");
        assertThat(toEnd).isLessThanOrEqualTo(Duration.ofSeconds(30));
        logs.rethrow();
    }

    private void postgresDownMidTransfer(Duration outage) throws Exception {
        survivesMidTransfer(
                "PostgreSQL down " + outage.toSeconds() + " s",
                "database stopped at 20 % of the transfer, started again " + outage.toSeconds() + " s later",
                0.2,
                port -> {
                    system.postgres.stop();
                    Thread.sleep(outage.toMillis());
                    system.postgres.restart();
                });
    }

    /** A fault while the sender streams (given the session's port base); the session must still complete. */
    interface Fault {
        void inject(int portBase) throws Exception;
    }

    /**
     * Injects a fault once the transfer reached the given share, then asserts the session COMPLETED, every
     * client got the image and every service is ready again; recovery counts from the end of the fault.
     */
    private void survivesMidTransfer(String name, String injected, double at, Fault fault) throws Exception {
        String session =
                system.createSession(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), PARTITIONS, SLOW_BPS);
        List<FogClient> clients = system.startClients(session, PARTITIONS);
        int portBase = system.portBaseOf(session);
        system.awaitProgress(session, at, Duration.ofSeconds(60));

        fault.inject(portBase);
        long over = System.nanoTime();

        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(120));
        awaitAllReady();
        Check logs = Check.of(() -> system.assertSessionLogComplete(session, LOGS_STORED));
        record(name, injected, done, since(over), "COMPLETED", "COMPLETED", logs);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
        system.assertClientsGotTheImage(clients);
        system.assertEveryEventAppliedOnce(done, PARTITIONS);
        logs.rethrow();
    }

    /** Sends junk from the storage node's own namespace to the sender's control ports. */
    private void floodWithMalformedDatagrams(int portBase, int count) throws Exception {
        Random random = new Random(7);
        InetAddress storage = InetAddress.getByName(system.lab.storageAddress());
        int[] opcodes = {0x0001, 0x0002, 0x0003, 0x0004, 0x0006, 0x0007, 0x0008, 0x0009, 0x0500, 0x7fff};
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < count; i++) {
                byte[] junk = switch (i % 3) {
                    case 0 -> new byte[random.nextInt(1500)];
                    case 1 -> new byte[random.nextInt(4)];
                    default -> new byte[2 + random.nextInt(200)];
                };
                random.nextBytes(junk);
                if (i % 3 == 2) {
                    int opcode = opcodes[random.nextInt(opcodes.length)];
                    junk[0] = (byte) (opcode >> 8);
                    junk[1] = (byte) opcode;
                }
                socket.send(new DatagramPacket(junk, junk.length, storage, portBase + (i % 2)));
                if (i % 500 == 499) {
                    Thread.sleep(5); // ~10,000 in a few seconds, not one burst the kernel drops itself
                }
            }
        }
    }

    /** Each transfer the sender-service runs or ran recently: session id and state. */
    private List<String> senderTransfers() {
        return given()
                .baseUri(system.sender.baseUrl())
                .auth()
                .oauth2(TestTokens.viewer())
                .when()
                .get("/api/v1/transfers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("collect { it.sessionId + ' ' + it.state }", String.class)
                .stream()
                .sorted()
                .toList();
    }

    private void awaitAllReady() throws InterruptedException {
        for (ServiceProcess service : system.services()) {
            service.awaitReady(READY_AGAIN);
        }
    }

    /**
     * The log check of a case, taken before its row is written so that the row says what it found; a
     * failure is thrown after the row is recorded.
     */
    record Check(String found, AssertionError failure) {
        interface Body {
            String run();
        }

        static Check of(Body body) {
            try {
                return new Check(body.run(), null);
            } catch (AssertionError e) {
                return new Check(
                        "LOG CHECK FAILED: "
                                + e.getMessage().lines().findFirst().orElse(""),
                        e);
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Records the case's row; it passes when the session ended in the expected state and the log check held. */
    private void record(
            String fault,
            String injected,
            JsonPath done,
            Duration recovery,
            String expectedState,
            String expected,
            Check logs) {
        String observed = "session " + done.getString("state")
                + (done.getString("reason") == null ? "" : " (" + done.getString("reason") + ")")
                + "; every service ready again; " + logs.found() + "; expected " + expected;
        report.add(new FaultReport.Row(
                fault,
                injected,
                observed,
                recovery,
                expectedState.equals(done.getString("state")) && logs.failure() == null));
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
