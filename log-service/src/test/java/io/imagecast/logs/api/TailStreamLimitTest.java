package io.imagecast.logs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.logs.service.TailHub;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.RawStream;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live-tail clients are bounded per process (default {@code imagecast.logs.tail.max-streams} = 32):
 * the ones over it are refused with 503 problem+json and Retry-After before they subscribe, and
 * clients that hang up give their slots back.
 */
@QuarkusTest
@Tag("abuse")
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class TailStreamLimitTest {
    private static final int LIMIT = 32;
    private static final int OVER = 4;
    private static final String TARGET = "/api/v1/logs/tail?service=nobody-logs-this";

    @Inject
    TailHub tail;

    @Test
    void tailsOverTheLimitAre503AndHungUpClientsFreeTheirSlots() throws Exception {
        int before = tail.subscriberCount();
        String token = TestTokens.viewer();
        List<RawStream> open = new ArrayList<>();
        List<RawStream> refused = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT + OVER; i++) {
                open.add(RawStream.open("127.0.0.1", RestAssured.port, TARGET, token));
            }
            // A served tail sends nothing until a line matches: no status line is what it looks like.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (RawStream stream : open) {
                int status = stream.status(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (status == 503) {
                    refused.add(stream);
                } else {
                    assertThat(status).isIn(200, -1);
                }
            }
            assertThat(refused).hasSize(LIMIT + OVER - (LIMIT - before));
            assertThat(tail.subscriberCount()).isEqualTo(LIMIT);
            for (RawStream stream : refused) {
                assertThat(stream.readToEnd(Duration.ofSeconds(10)))
                        .containsIgnoringCase("content-type: application/problem+json")
                        .containsIgnoringCase("retry-after: 5")
                        .contains("https://imagecast.io/problems/too-many-streams")
                        .contains("imagecast.logs.tail.max-streams")
                        .contains("\"limit\":" + LIMIT);
            }
        } finally {
            for (RawStream stream : open) {
                stream.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriberCount() == before);
    }
}
