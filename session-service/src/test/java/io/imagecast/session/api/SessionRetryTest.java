package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.events.Topics;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.session.TestBroker;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** POST /api/v1/sessions/{id}/retry: a follow-up for exactly the hosts a session missed. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionRetryTest extends SessionTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A session of pc-1 (10.9.0.11) and pc-2 (10.9.0.12) where only the given addresses got the image. */
    private String endedWith(String group, String master, List<String> completed) {
        String id = create(unique("r"), group);
        UUID sessionId = UUID.fromString(id);
        TestBroker.publish(
                Topics.TRANSFER_EVENTS, new TransferStarted(sessionId, master, 0, 2, "d1p1.img", 10, completed));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS, new TransferCompleted(sessionId, master, completed, List.of(), 20, 1.0));
        await().atMost(WAIT).until(() -> Set.of("PARTIAL", "COMPLETED").contains(stateOf(id)));
        return id;
    }

    @Test
    void aPartialSessionIsRetriedForItsMissedHostOnlyAndOnlyOnce() {
        String group = unique("rt");
        String master = onlineGroup(group, 9500, 9509, 8);
        String source = endedWith(group, master, List.of("10.9.0.11"));
        assertThat(stateOf(source)).isEqualTo("PARTIAL");
        String sourceName = JsonPath.from(as(TestTokens.viewer())
                        .get("/api/v1/sessions/" + source)
                        .asString())
                .getString("name");

        Response first = operator().post("/api/v1/sessions/" + source + "/retry");
        first.then().statusCode(201).header("Idempotent-Replayed", "false");
        JsonPath retry = first.jsonPath();
        String retryId = retry.getString("id");
        assertThat(first.header("Location")).endsWith("/api/v1/sessions/" + retryId);
        assertThat(retry.getString("name")).isEqualTo(sourceName + " (retry)");
        assertThat(retry.getString("retryOf")).isEqualTo(source);
        assertThat(retry.getString("storageGroup")).isEqualTo(group);
        assertThat(retry.getString("image.dir")).isEqualTo("win10");
        assertThat(retry.getList("image.files", String.class)).containsExactly("d1p1.img", "d1p2.img");
        assertThat(retry.getInt("expectedReceivers")).isEqualTo(1);
        assertThat(retry.getList("receivers.name", String.class)).containsExactly("pc-2");
        assertThat(retry.getList("receivers.ip", String.class)).containsExactly("10.9.0.12");
        assertThat(retry.getString("state")).isIn("QUEUED", "DISPATCHED");

        as(TestTokens.viewer())
                .get("/api/v1/sessions/" + source)
                .then()
                .statusCode(200)
                .body("retriedBy", equalTo(retryId));

        operator()
                .post("/api/v1/sessions/" + source + "/retry")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(retryId));
    }

    @Test
    void concurrentRetriesOfOneSessionMakeOneFollowUp() throws Exception {
        String group = unique("rc");
        String master = onlineGroup(group, 9510, 9519, 8);
        String source = endedWith(group, master, List.of("10.9.0.12"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> operator().post("/api/v1/sessions/" + source + "/retry"));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            assertThat(answers).extracting(Response::statusCode).containsOnly(200, 201);
            assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
            Set<String> ids =
                    answers.stream().map(r -> r.jsonPath().getString("id")).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(JsonPath.from(as(TestTokens.viewer())
                                    .get("/api/v1/sessions/" + ids.iterator().next())
                                    .asString())
                            .getList("receivers.name", String.class))
                    .containsExactly("pc-1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runningCompleteAndForbiddenRetriesAreRefusedWithProblems() {
        String group = unique("rr");
        String master = onlineGroup(group, 9520, 9529, 8);
        String running = create(unique("run"), group);
        operator()
                .post("/api/v1/sessions/" + running + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/session-active"));

        String complete = endedWith(group, master, List.of("10.9.0.11", "10.9.0.12"));
        assertThat(stateOf(complete)).isEqualTo("COMPLETED");
        operator()
                .post("/api/v1/sessions/" + complete + "/retry")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/nothing-to-retry"));

        as(TestTokens.viewer())
                .post("/api/v1/sessions/" + complete + "/retry")
                .then()
                .statusCode(403);
        operator()
                .post("/api/v1/sessions/" + UUID.randomUUID() + "/retry")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://imagecast.io/problems/session-not-found"));
    }
}
