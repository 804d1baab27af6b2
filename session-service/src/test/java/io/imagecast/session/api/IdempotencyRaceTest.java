package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clients that retry at once: several POSTs with one Idempotency-Key arrive together, over eight
 * threads, against the real database. Every key yields exactly one session; identical requests get
 * it replayed, different bodies get 422.
 */
@Tag("abuse")
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class IdempotencyRaceTest extends SessionTestSupport {
    private static final int THREADS = 8;
    private static final int COPIES = 4;
    private static final int KEYS = 6;

    private ExecutorService pool;

    @BeforeEach
    void startThreads() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void identicalConcurrentRequestsCreateOneSessionAndReplayIt() throws Exception {
        String group = unique("idem-same");
        onlineGroup(group, 9600, 9699, 50);
        List<String> keys = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            String key = unique("key");
            keys.add(key);
            for (int c = 0; c < COPIES; c++) {
                bodies.add(key + "\n" + body("same-" + key, group, ""));
            }
        }
        List<Answer> answers = sendTogether(bodies);
        for (String key : keys) {
            List<Response> forKey = answers.stream()
                    .filter(a -> a.key().equals(key))
                    .map(Answer::response)
                    .toList();
            assertThat(forKey).extracting(Response::statusCode).as(key).containsOnly(201);
            assertThat(forKey)
                    .extracting(r -> r.getHeader("Idempotent-Replayed"))
                    .as(key)
                    .containsExactlyInAnyOrder("false", "true", "true", "true");
            assertThat(forKey)
                    .extracting(r -> r.jsonPath().getString("id"))
                    .as(key)
                    .containsOnly(forKey.get(0).jsonPath().getString("id"));
        }
    }

    @Test
    void differentConcurrentBodiesUnderOneKeyCreateOneSessionAndGet422() throws Exception {
        String group = unique("idem-diff");
        onlineGroup(group, 9600, 9699, 50);
        List<String> keys = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            String key = unique("key");
            keys.add(key);
            for (int c = 0; c < COPIES; c++) {
                bodies.add(key + "\n" + body("diff-" + key + "-" + c, group, ""));
            }
        }
        List<Answer> answers = sendTogether(bodies);
        for (String key : keys) {
            List<Response> forKey = answers.stream()
                    .filter(a -> a.key().equals(key))
                    .map(Answer::response)
                    .toList();
            assertThat(forKey).extracting(Response::statusCode).as(key).containsExactlyInAnyOrder(201, 422, 422, 422);
            String created = forKey.stream()
                    .filter(r -> r.statusCode() == 201)
                    .findFirst()
                    .orElseThrow()
                    .jsonPath()
                    .getString("id");
            forKey.stream().filter(r -> r.statusCode() == 422).forEach(refused -> {
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.jsonPath().getString("type"))
                        .isEqualTo("https://imagecast.io/problems/idempotency-key-reused");
                assertThat(refused.jsonPath().getString("session")).isEqualTo(created);
            });
        }
    }

    /** Each entry is "key\nbody"; all requests are released at the same moment. */
    private record Answer(String key, Response response) {}

    private List<Answer> sendTogether(List<String> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (String request : requests) {
            String key = request.substring(0, request.indexOf('\n'));
            String body = request.substring(request.indexOf('\n') + 1);
            futures.add(pool.submit(() -> {
                start.await();
                Response response =
                        operator().header("Idempotency-Key", key).body(body).post("/api/v1/sessions");
                return new Answer(key, response);
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }
}
