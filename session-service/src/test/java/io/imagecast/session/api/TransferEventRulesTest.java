package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.service.SessionStream;
import io.imagecast.session.service.SessionView;
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
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
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

    @Inject
    SessionStream stream;

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

    @Test
    void fileAndSessionTimesAreWhenTheSenderDidItNotWhenTheEventWasConsumed() {
        String group = unique("times");
        String master = onlineGroup(group, 9830, 9839, 4);
        UUID id = UUID.fromString(create(unique("times"), group));
        // As after a Kafka pause: everything happened minutes before it is consumed.
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        runTwoFiles(id, master, t0);

        JsonPath view = view(id);
        assertThat(view.getString("state")).isEqualTo("COMPLETED");
        assertThat(Instant.parse(view.getString("startedAt"))).isEqualTo(t0.plusSeconds(2));
        assertThat(Instant.parse(view.getString("files[0].startedAt"))).isEqualTo(t0.plusSeconds(2));
        assertThat(Instant.parse(view.getString("files[0].completedAt"))).isEqualTo(t0.plusSeconds(40));
        assertThat(Instant.parse(view.getString("files[1].startedAt"))).isEqualTo(t0.plusSeconds(45));
        assertThat(Instant.parse(view.getString("files[1].completedAt"))).isEqualTo(t0.plusSeconds(120));
        assertThat(Instant.parse(view.getString("finishedAt"))).isEqualTo(t0.plusSeconds(121));
    }

    @Test
    void aNormalMultiFileSessionLogsNoWarningAndRefusesNothing() {
        String group = unique("quiet");
        String master = onlineGroup(group, 9840, 9849, 4);
        UUID id = UUID.fromString(create(unique("quiet"), group));
        List<ExtLogRecord> warnings = new CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()
                        && record.getFormattedMessage().contains(id.toString())) {
                    warnings.add(record);
                }
            }
        };
        Logger logger = Logger.getLogger("io.imagecast.session");
        logger.addHandler(capture);
        double refused = illegalTransitions();
        try {
            runTwoFiles(id, master, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(view(id).getString("state")).isEqualTo("COMPLETED");
        assertThat(warnings).extracting(ExtLogRecord::getFormattedMessage).isEmpty();
        assertThat(illegalTransitions()).isEqualTo(refused);
    }

    @Test
    void aCompletedSessionShowsWhatEachReceiverGotAndWhichFilesWereSent() {
        String group = unique("truth");
        String master = onlineGroup(group, 9850, 9859, 4);
        // No file list: the node derives it, and the events name the files.
        UUID id = UUID.fromString(operator()
                .body("""
                        {"name": "%s", "storageGroup": "%s", "image": {"dir": "win10"},
                         "hosts": [{"name": "pc-1", "ip": "10.9.0.11"}, {"name": "pc-2", "ip": "10.9.0.12"}]}
                        """.formatted(unique("truth"), group))
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("id"));
        assertThat(view(id).getList("image.files")).isEmpty();

        runTwoFiles(id, master, Instant.now().truncatedTo(ChronoUnit.MILLIS), () -> {
            // Half of the second file: the first file's 1000 bytes and 1000 of the second's 2000.
            assertThat(view(id).getLong("receivers.find { it.ip == '10.9.0.11' }.acknowledgedBytes"))
                    .isEqualTo(2000L);
        });

        JsonPath done = view(id);
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(done.getList("image.files", String.class)).containsExactly("d1p1.img", "d1p2.img");
        assertThat(done.getList("receivers.acknowledgedBytes", Long.class)).containsOnly(3000L);
        assertThat(done.getInt("progress.receiversJoined")).isEqualTo(2);
    }

    @Test
    void droppingAHostThatNeverJoinedDoesNotCountItAsJoined() {
        String group = unique("drop-unjoined");
        String master = onlineGroup(group, 9860, 9869, 4);
        UUID id = UUID.fromString(create(unique("drop-unjoined"), group));
        apply(new ReceiverJoined(id, master, "10.9.0.11", 0, 1));

        operator().delete("/api/v1/sessions/" + id + "/hosts/pc-2").then().statusCode(202);

        JsonPath view = view(id);
        assertThat(view.getString("receivers.find { it.name == 'pc-2' }.state")).isEqualTo("DROP_REQUESTED");
        assertThat(view.getInt("progress.receiversJoined")).isEqualTo(1);
    }

    @Test
    void everyChangeOnTheEventStreamHasItsOwnIdAndCancelAnswersTheCurrentVersion() {
        String group = unique("sse-ids");
        onlineGroup(group, 9870, 9879, 4);
        UUID id = UUID.fromString(create(unique("sse-ids"), group));
        AssertSubscriber<SessionView> subscriber =
                stream.follow(id, () -> {}).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(1, Duration.ofSeconds(10));

        operator().delete("/api/v1/sessions/" + id + "/hosts/pc-2").then().statusCode(202);
        subscriber.awaitItems(2, Duration.ofSeconds(10));
        long cancelled = operator()
                .post("/api/v1/sessions/" + id + "/cancel")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        subscriber.awaitCompletion(Duration.ofSeconds(10));

        assertThat(view(id).getLong("version")).isEqualTo(cancelled);
        List<Long> ids =
                subscriber.getItems().stream().map(SessionView::version).toList();
        assertThat(ids).doesNotHaveDuplicates().endsWith(cancelled);
    }

    /** The events of a two-file transfer in the order a sender publishes them, each with its own time. */
    private void runTwoFiles(UUID id, String master, Instant t0) {
        runTwoFiles(id, master, t0, () -> {});
    }

    private void runTwoFiles(UUID id, String master, Instant t0, Runnable midway) {
        apply(new TransferAccepted(id, master, 2, 3000), t0);
        apply(new WaitingForReceivers(id, master, 0, 9800, 2), t0);
        apply(new ReceiverJoined(id, master, "10.9.0.11", 0, 1), t0.plusSeconds(1));
        apply(new ReceiverJoined(id, master, "10.9.0.12", 0, 2), t0.plusSeconds(1));
        apply(new TransferStarted(id, master, 0, 2, "d1p1.img", 1000, BOTH), t0.plusSeconds(2));
        apply(progress(id, master, 0, 500, 500), t0.plusSeconds(20));
        apply(new FileCompleted(id, master, 0, 2, "d1p1.img", BOTH), t0.plusSeconds(40));
        apply(new WaitingForReceivers(id, master, 1, 9800, 2), t0.plusSeconds(41));
        apply(new ReceiverJoined(id, master, "10.9.0.11", 1, 1), t0.plusSeconds(43));
        apply(new ReceiverJoined(id, master, "10.9.0.12", 1, 2), t0.plusSeconds(44));
        apply(new TransferStarted(id, master, 1, 2, "d1p2.img", 2000, BOTH), t0.plusSeconds(45));
        apply(progress(id, master, 1, 2000, 1000), t0.plusSeconds(80));
        midway.run();
        apply(new FileCompleted(id, master, 1, 2, "d1p2.img", BOTH), t0.plusSeconds(120));
        apply(new TransferCompleted(id, master, BOTH, List.of(), 3000, 121.0), t0.plusSeconds(121));
    }

    private static TransferProgress progress(UUID id, String master, int file, long sent, long acknowledged) {
        return new TransferProgress(
                id,
                master,
                file,
                2,
                sent,
                3000,
                8_000_000,
                0,
                List.of(
                        new ReceiverProgress("10.9.0.11", acknowledged),
                        new ReceiverProgress("10.9.0.12", acknowledged)));
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

    private double illegalTransitions() {
        return registry.find("imagecast.session.illegal.transitions").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
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
