package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.imagecast.events.Topics;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.DropHostCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverDropped;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.session.TestBroker;
import io.imagecast.testsupport.KafkaTap.TappedEvent;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionLifecycleTest extends SessionTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI baseUri;

    @Test
    void startCommandGoesOutAndSenderProgressDrivesTheSessionToCompleted() {
        String group = unique("rt");
        String master = onlineGroup(group, 9000, 9009, 4);
        String id = create(unique("rt"), group);
        UUID sessionId = UUID.fromString(id);

        List<TappedEvent> commands = TestBroker.commandsFor(sessionId, found -> !found.isEmpty(), WAIT);
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).key()).isEqualTo(master);
        StartTransferCommand start = (StartTransferCommand) commands.get(0).message();
        assertThat(start.portBase()).isEqualTo(9000);
        assertThat(start.dataAddress()).isEqualTo("239.77.0.0");
        assertThat(start.files()).containsExactly("d1p1.img", "d1p2.img");
        assertThat(start.minReceivers()).isEqualTo(2);
        assertThat(start.hosts()).hasSize(2);
        assertThat(start.ttl()).isEqualTo(32);

        TestBroker.publish(Topics.TRANSFER_EVENTS, new TransferAccepted(sessionId, master, 2, 3000));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(sessionId, master, 0, 9000, 2));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new ReceiverJoined(sessionId, master, "10.9.0.11", 0, 1));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new ReceiverJoined(sessionId, master, "10.9.0.99", 0, 2));
        await().atMost(WAIT).until(() -> "WAITING_FOR_RECEIVERS".equals(stateOf(id)));

        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferStarted(sessionId, master, 0, 2, "d1p1.img", 1000, List.of("10.9.0.11", "10.9.0.99")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferProgress(
                        sessionId,
                        master,
                        0,
                        2,
                        500,
                        3000,
                        80_000_000,
                        3,
                        List.of(new ReceiverProgress("10.9.0.11", 500), new ReceiverProgress("10.9.0.99", 400))));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath view = JsonPath.from(
                    as(TestTokens.viewer()).get("/api/v1/sessions/" + id).asString());
            assertThat(view.getString("state")).isEqualTo("TRANSFERRING");
            assertThat(view.getDouble("progress.percent")).isEqualTo(16.7);
            assertThat(view.getLong("progress.bitsPerSecond")).isEqualTo(80_000_000L);
            assertThat(view.getString("receivers.find { it.ip == '10.9.0.11' }.name"))
                    .isEqualTo("pc-1");
            assertThat(view.getString("receivers.find { it.ip == '10.9.0.11' }.state"))
                    .isEqualTo("RECEIVING");
            assertThat(view.getLong("receivers.find { it.ip == '10.9.0.99' }.acknowledgedBytes"))
                    .isEqualTo(400L);
            assertThat(view.getBoolean("receivers.find { it.ip == '10.9.0.99' }.listed"))
                    .isFalse();
            assertThat(view.getString("files[0].state")).isEqualTo("SENDING");
        });

        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new FileCompleted(sessionId, master, 0, 2, "d1p1.img", List.of("10.9.0.11", "10.9.0.99")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferStarted(sessionId, master, 1, 2, "d1p2.img", 2000, List.of("10.9.0.11", "10.9.0.99")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new FileCompleted(sessionId, master, 1, 2, "d1p2.img", List.of("10.9.0.11", "10.9.0.99")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferCompleted(sessionId, master, List.of("10.9.0.11", "10.9.0.99"), List.of(), 3000, 2.5));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath view = JsonPath.from(
                    as(TestTokens.viewer()).get("/api/v1/sessions/" + id).asString());
            // pc-2 never joined: named in the reason, and the session is PARTIAL rather than COMPLETED.
            assertThat(view.getString("state")).isEqualTo("PARTIAL");
            assertThat(view.getString("reason")).contains("missing pc-2");
            assertThat(view.getString("receivers.find { it.name == 'pc-2' }.state"))
                    .isEqualTo("MISSING");
            assertThat(view.getString("receivers.find { it.name == 'pc-1' }.state"))
                    .isEqualTo("COMPLETED");
            assertThat(view.getList("files.state")).containsExactly("COMPLETED", "COMPLETED");
            assertThat(view.getDouble("progress.percent")).isEqualTo(100.0);
        });
    }

    @Test
    void duplicateDeliveryOfAnEventIsAppliedOnceAndLateEventsCannotReviveAFinishedSession() {
        String group = unique("dup");
        String master = onlineGroup(group, 9100, 9109, 4);
        String id = operator()
                // No host list, so no body(...) (which has one): a key sent twice is refused.
                .body("""
                        {"name": "%s", "storageGroup": "%s", "image": {"dir": "win10", "files": ["d1p1.img", "d1p2.img"]},
                         "expectedReceivers": 1, "hosts": []}
                        """.formatted(unique("dup"), group))
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UUID sessionId = UUID.fromString(id);
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferStarted(sessionId, master, 0, 1, "d1p1.img", 10, List.of("10.9.1.1")));
        TestBroker.publishTwice(
                Topics.TRANSFER_EVENTS,
                new ReceiverDropped(sessionId, master, "10.9.1.2", 0, "no acknowledgements for 30 s"));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferCompleted(
                        sessionId,
                        master,
                        List.of("10.9.1.1"),
                        List.of(new DroppedReceiver("10.9.1.2", "no acknowledgements for 30 s")),
                        10,
                        1.0));
        await().atMost(WAIT).until(() -> "PARTIAL".equals(stateOf(id)));

        TestBroker.publish(
                Topics.TRANSFER_EVENTS, new TransferProgress(sessionId, master, 0, 1, 1, 10, 5, 0, List.of()));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(sessionId, master, 0, 9100, 1));
        String marker = create(unique("marker"), group); // events are ordered per session; wait on a later one
        await().atMost(WAIT).until(() -> "DISPATCHED".equals(stateOf(marker)));

        JsonPath view = JsonPath.from(
                as(TestTokens.viewer()).get("/api/v1/sessions/" + id).asString());
        assertThat(view.getString("state")).isEqualTo("PARTIAL");
        assertThat(view.getString("reason")).contains("dropped 10.9.1.2: no acknowledgements");
        assertThat(view.getList("receivers")).hasSize(2);
    }

    @Test
    void exhaustedWindowQueuesTheSessionAndItStartsWhenASlotFrees() {
        String group = unique("q");
        String master = onlineGroup(group, 9200, 9203, 8);
        String first = create(unique("q1"), group);
        String second = create(unique("q2"), group);
        String third = create(unique("q3"), group);

        assertThat(stateOf(first)).isEqualTo("DISPATCHED");
        assertThat(stateOf(second)).isEqualTo("DISPATCHED");
        as(TestTokens.viewer())
                .get("/api/v1/sessions/" + third)
                .then()
                .body("state", equalTo("QUEUED"))
                .body("reason", startsWith("all 2 port bases of window 9200-9203"));

        UUID firstId = UUID.fromString(first);
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferStarted(firstId, master, 0, 1, "d1p1.img", 10, List.of("10.9.0.11", "10.9.0.12")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferCompleted(firstId, master, List.of("10.9.0.11", "10.9.0.12"), List.of(), 10, 1.0));

        await().atMost(WAIT).until(() -> "DISPATCHED".equals(stateOf(third)));
        assertThat(stateOf(first)).isEqualTo("COMPLETED");
        as(TestTokens.viewer()).get("/api/v1/sessions/" + third).then().body("portBase", equalTo(9200));
    }

    @Test
    void cancelSendsACancelCommandAndKeepsThePortUntilTheNodeConfirms() {
        String group = unique("c");
        String master = onlineGroup(group, 9300, 9301, 8);
        String id = create(unique("c1"), group);
        String waiting = create(unique("c2"), group);

        operator()
                .post("/api/v1/sessions/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"));
        List<TappedEvent> commands = TestBroker.commandsFor(
                UUID.fromString(id),
                found -> found.stream().anyMatch(r -> r.message() instanceof CancelTransferCommand),
                WAIT);
        assertThat(commands)
                .anyMatch(r -> r.message() instanceof CancelTransferCommand c
                        && c.nodeId().equals(master));
        assertThat(stateOf(waiting))
                .as("port 9300 still held by the cancelled sender")
                .isEqualTo("QUEUED");

        TestBroker.publish(Topics.TRANSFER_EVENTS, new TransferCancelled(UUID.fromString(id), master, "requested"));
        await().atMost(WAIT).until(() -> "DISPATCHED".equals(stateOf(waiting)));

        operator()
                .post("/api/v1/sessions/" + id + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/session-finished"));
    }

    @Test
    void droppingOneHostSendsADropCommandAndLeavesTheOthers() {
        String group = unique("d");
        String master = onlineGroup(group, 9400, 9409, 8);
        String id = create(unique("d1"), group);

        operator()
                .delete("/api/v1/sessions/" + id + "/hosts/pc-2")
                .then()
                .statusCode(202)
                .body("state", equalTo("DISPATCHED"))
                .body("receivers.find { it.name == 'pc-2' }.state", equalTo("DROP_REQUESTED"))
                .body("receivers.find { it.name == 'pc-1' }.state", equalTo("EXPECTED"));
        List<TappedEvent> commands = TestBroker.commandsFor(
                UUID.fromString(id),
                found -> found.stream().anyMatch(r -> r.message() instanceof DropHostCommand),
                WAIT);
        DropHostCommand drop = commands.stream()
                .map(TappedEvent::message)
                .filter(DropHostCommand.class::isInstance)
                .map(DropHostCommand.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(drop.hostAddress()).isEqualTo("10.9.0.12");
        assertThat(drop.nodeId()).isEqualTo(master);

        operator()
                .delete("/api/v1/sessions/" + id + "/hosts/nobody")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://imagecast.io/problems/unknown-host"));
    }

    @Test
    void serverSentEventsFollowTheSessionUntilItEnds() throws Exception {
        String group = unique("sse");
        String master = onlineGroup(group, 9500, 9509, 8);
        String id = create(unique("sse"), group);
        UUID sessionId = UUID.fromString(id);
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/api/v1/sessions/" + id + "/events"))
                .header("Authorization", "Bearer " + TestTokens.viewer())
                .header("Accept", "text/event-stream")
                .build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response =
                HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAccept(r -> r.body().forEach(lines::add));

        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("\"state\":\"DISPATCHED\"")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferStarted(sessionId, master, 0, 1, "d1p1.img", 10, List.of("10.9.0.11", "10.9.0.12")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferCompleted(sessionId, master, List.of("10.9.0.11", "10.9.0.12"), List.of(), 10, 1.0));

        reading.get(60, java.util.concurrent.TimeUnit.SECONDS); // the server ends the stream after COMPLETED
        assertThat(response.get().statusCode()).isEqualTo(200);
        assertThat(lines).contains("event:session");
        assertThat(lines)
                .anyMatch(l -> l.contains("\"state\":\"TRANSFERRING\"") || l.contains("\"state\":\"COMPLETED\""));
        assertThat(lines.stream()
                        .filter(l -> l.startsWith("data:"))
                        .reduce((a, b) -> b)
                        .orElseThrow())
                .contains("\"state\":\"COMPLETED\"");
    }

    @Test
    void listFiltersAndPagesWithACursor() {
        String group = unique("ls");
        onlineGroup(group, 9600, 9699, 50);
        for (int i = 0; i < 5; i++) {
            create(unique("ls" + i), group);
        }
        JsonPath first = JsonPath.from(as(TestTokens.viewer())
                .queryParam("group", group)
                .queryParam("limit", 2)
                .get("/api/v1/sessions")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(first.getList("items")).hasSize(2);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath second = JsonPath.from(as(TestTokens.viewer())
                .queryParam("group", group)
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get("/api/v1/sessions")
                .asString());
        JsonPath third = JsonPath.from(as(TestTokens.viewer())
                .queryParam("group", group)
                .queryParam("limit", 2)
                .queryParam("cursor", second.getString("nextCursor"))
                .get("/api/v1/sessions")
                .asString());
        List<String> all = new java.util.ArrayList<>(first.getList("items.id"));
        all.addAll(second.getList("items.id"));
        all.addAll(third.getList("items.id"));
        assertThat(all)
                .as("pages %s | %s | %s", first.prettify(), second.prettify(), third.prettify())
                .hasSize(5)
                .doesNotHaveDuplicates();
        assertThat(third.getString("nextCursor")).isNull();

        as(TestTokens.viewer())
                .queryParam("group", group)
                .queryParam("state", "FAILED")
                .get("/api/v1/sessions")
                .then()
                .body("items", org.hamcrest.Matchers.empty());
        as(TestTokens.viewer())
                .queryParam("state", "BOGUS")
                .get("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("state"));
        as(TestTokens.viewer())
                .queryParam("cursor", "garbage!")
                .get("/api/v1/sessions")
                .then()
                .statusCode(400);
    }

    @Test
    void purgeRemovesFinishedHistoryOnlyForAdmins() {
        String group = unique("p");
        onlineGroup(group, 9700, 9709, 8);
        String id = create(unique("p"), group);
        operator().post("/api/v1/sessions/" + id + "/cancel").then().statusCode(200);
        String queued = operator()
                .body(body(unique("pq"), group, "\"startAt\": \"2099-01-01T00:00:00Z\""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .extract()
                .path("id");
        assertThat(queued).isNull();
        String scheduled = operator()
                .body(body(
                        unique("ps"),
                        group,
                        "\"startAt\": \"" + java.time.Instant.now().plus(Duration.ofDays(1)) + "\""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .body("state", equalTo("QUEUED"))
                .extract()
                .path("id");
        operator().post("/api/v1/sessions/" + scheduled + "/cancel").then().statusCode(200);

        String future = java.time.Instant.now().plusSeconds(60).toString();
        operator()
                .queryParam("finishedBefore", future)
                .delete("/api/v1/sessions")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.admin())
                .delete("/api/v1/sessions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("finishedBefore"));
        as(TestTokens.admin())
                .queryParam("finishedBefore", future)
                .delete("/api/v1/sessions")
                .then()
                .statusCode(200);

        // The queued-then-cancelled session never held a port: purged. The dispatched one keeps its
        // row until the node confirms the sender stopped.
        as(TestTokens.viewer()).get("/api/v1/sessions/" + scheduled).then().statusCode(404);
        as(TestTokens.viewer()).get("/api/v1/sessions/" + id).then().statusCode(200);
    }
}
