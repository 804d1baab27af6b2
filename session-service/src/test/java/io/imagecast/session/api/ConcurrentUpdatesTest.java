package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.session.TestBroker;
import io.imagecast.session.service.SessionStream;
import io.imagecast.session.service.SessionView;
import io.imagecast.session.service.TransferEventHandler;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

/**
 * Races seen in a full system run: a sender reports progress about once a second per session while
 * people cancel and drop hosts, and its events may arrive out of order. Events are applied through
 * the real handler (a transaction each, as the Kafka consumer does) against the real database.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class ConcurrentUpdatesTest extends SessionTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SESSIONS = 6;

    @Inject
    TransferEventHandler handler;

    @Inject
    SessionStream stream;

    @Test
    void cancelWhileProgressPoursInAlwaysSucceeds() throws Exception {
        String group = unique("race-cancel");
        String master = onlineGroup(group, 9800, 9899, SESSIONS);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            UUID id = startedSession(group, master);
            try (ProgressStorm storm = new ProgressStorm(id, master)) {
                storm.awaitApplied(20);
                statuses.add(
                        operator().post("/api/v1/sessions/" + id + "/cancel").statusCode());
            }
            assertThat(stateOf(id.toString())).isEqualTo("CANCELLED");
        }
        assertThat(statuses).containsOnly(200);
    }

    @Test
    void droppingAHostWhileProgressPoursInAlwaysSucceeds() throws Exception {
        String group = unique("race-drop");
        String master = onlineGroup(group, 9800, 9899, SESSIONS);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            UUID id = startedSession(group, master);
            try (ProgressStorm storm = new ProgressStorm(id, master)) {
                storm.awaitApplied(20);
                statuses.add(operator()
                        .delete("/api/v1/sessions/" + id + "/hosts/pc-1")
                        .statusCode());
            }
            assertThat(view(id).getString("receivers.find { it.name == 'pc-1' }.state"))
                    .isEqualTo("DROP_REQUESTED");
        }
        assertThat(statuses).containsOnly(202);
    }

    @Test
    void eventsArrivingOutOfOrderNeverMoveTheViewBackwards() {
        String group = unique("order");
        String master = onlineGroup(group, 9800, 9899, 4);
        UUID id = UUID.fromString(create(unique("order"), group));
        List<String> both = List.of("10.9.0.11", "10.9.0.12");
        apply(new TransferStarted(id, master, 0, 3, "d1p1.img", 1000, both));
        apply(progress(id, master, 0, 600));
        apply(new FileCompleted(id, master, 0, 3, "d1p1.img", both));
        apply(new TransferStarted(id, master, 1, 3, "d1p2.img", 1000, both));
        apply(progress(id, master, 1, 1500));
        // Late arrivals from before the second file started.
        apply(progress(id, master, 0, 900));
        apply(new TransferStarted(id, master, 0, 3, "d1p1.img", 1000, both));
        // An older sample of the same file.
        apply(progress(id, master, 1, 1200));

        JsonPath view = view(id);
        assertThat(view.getInt("progress.fileIndex")).isEqualTo(1);
        assertThat(view.getLong("progress.bytesSent")).isEqualTo(1500L);
        assertThat(view.getString("files.find { it.index == 0 }.state")).isEqualTo("COMPLETED");
        // Of the whole image: file 0 (1000 bytes) and 1500 of file 1.
        assertThat(view.getLong("receivers.find { it.ip == '10.9.0.11' }.acknowledgedBytes"))
                .isEqualTo(2500L);

        // The sender went on to file 2; its FileCompleted events for files 1 and 2 were lost.
        apply(new TransferStarted(id, master, 2, 3, "d1p3.img", 1000, both));
        apply(progress(id, master, 1, 1900));
        assertThat(view(id).getInt("progress.fileIndex")).isEqualTo(2);
        apply(new TransferCompleted(id, master, both, List.of(), 3000, 1.0));

        JsonPath done = view(id);
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(done.getInt("progress.fileIndex")).isEqualTo(2);
        assertThat(done.getInt("progress.fileCount")).isEqualTo(3);
        assertThat(done.getList("files.state", String.class)).containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
        assertThat(done.getDouble("progress.percent")).isEqualTo(100.0);
    }

    @Test
    void openEventStreamsEndWhenTheServiceShutsDown() {
        String group = unique("sse-stop");
        onlineGroup(group, 9800, 9899, 4);
        UUID id = UUID.fromString(create(unique("sse-stop"), group));
        AssertSubscriber<SessionView> subscriber =
                stream.follow(id, () -> {}).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(1, Duration.ofSeconds(10));
        // What the ShutdownEvent observer does; one poll interval (0.3 s in tests) is all it may take.
        stream.endOpenStreams();
        subscriber.awaitCompletion(Duration.ofSeconds(3));
        assertThat(stateOf(id.toString())).isEqualTo("DISPATCHED");
    }

    @Test
    void linesLoggedAboutASessionCarryItsIdForTheLogShipper() {
        String group = unique("mdc");
        String master = onlineGroup(group, 9800, 9899, 4);
        List<ExtLogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                record.copyMdc();
                records.add(record);
            }
        };
        Logger logger = Logger.getLogger("io.imagecast.session");
        logger.addHandler(capture);
        try {
            UUID id = UUID.fromString(create(unique("mdc"), group));
            operator().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(200);
            List<ExtLogRecord> aboutSession = records.stream()
                    .filter(r -> r.getFormattedMessage().contains(id.toString()))
                    .toList();
            assertThat(aboutSession)
                    .extracting(ExtLogRecord::getFormattedMessage)
                    .anyMatch(m -> m.contains("created by"))
                    .anyMatch(m -> m.contains("dispatched to node " + master))
                    .anyMatch(m -> m.contains("cancelled by"));
            assertThat(aboutSession)
                    .allSatisfy(r -> assertThat(r.getMdc("sessionId")).isEqualTo(id.toString()));
            assertThat(aboutSession)
                    .filteredOn(r -> r.getFormattedMessage().contains("cancelled by"))
                    .allSatisfy(r -> assertThat(r.getMdc("nodeId")).isEqualTo(master));
        } finally {
            logger.removeHandler(capture);
        }
    }

    private UUID startedSession(String group, String master) {
        UUID id = UUID.fromString(create(unique("race"), group));
        TestBroker.commandsFor(id, found -> !found.isEmpty(), WAIT);
        apply(new TransferStarted(id, master, 0, 2, "d1p1.img", 1_000_000, List.of("10.9.0.11", "10.9.0.12")));
        return id;
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

    private static TransferProgress progress(UUID id, String master, int file, long bytes) {
        return new TransferProgress(
                id,
                master,
                file,
                3,
                bytes,
                3000,
                8_000_000,
                0,
                List.of(new ReceiverProgress("10.9.0.11", bytes), new ReceiverProgress("10.9.0.12", bytes)));
    }

    private static JsonPath view(UUID id) {
        return as(TestTokens.viewer())
                .get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Two threads applying progress back to back, each event in its own transaction, as a busy
     * consumer would (far faster than one a second, so every request overlaps an update).
     */
    private final class ProgressStorm implements AutoCloseable {
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong applied = new AtomicLong();
        private final List<Future<?>> workers = new ArrayList<>();

        ProgressStorm(UUID id, String master) {
            AtomicLong bytes = new AtomicLong();
            for (int i = 0; i < 2; i++) {
                workers.add(threads.submit(() -> {
                    while (running.get()) {
                        try {
                            apply(progress(id, master, 0, bytes.addAndGet(1000)));
                        } catch (RuntimeException conflict) {
                            // The consumer retries these; here only the API's answers are under test.
                        }
                        applied.incrementAndGet();
                    }
                    return null;
                }));
            }
        }

        void awaitApplied(long count) {
            await().atMost(WAIT).until(() -> applied.get() >= count);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
            threads.shutdown();
        }
    }
}
