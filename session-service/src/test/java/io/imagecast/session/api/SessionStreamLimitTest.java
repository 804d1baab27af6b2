package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.RawStream;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live-progress streams are bounded per process (default {@code imagecast.session.sse.max-streams}
 * = 256): the ones over it are refused with 503 problem+json and Retry-After before they open,
 * and clients that hang up give their slots back.
 */
@QuarkusTest
@Tag("abuse")
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionStreamLimitTest extends SessionTestSupport {
    private static final int LIMIT = 256;
    private static final int OVER = 4;

    @Test
    void streamsOverTheLimitAre503AndHungUpClientsFreeTheirSlots() throws Exception {
        String group = unique("sse-limit");
        onlineGroup(group, 9700, 9709, 4);
        // Scheduled an hour ahead, the session stays QUEUED: its streams stay open (no sender runs here).
        String startAt = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String id = operator()
                .body(body(unique("sse"), group, "\"startAt\": \"" + startAt + "\""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String target = "/api/v1/sessions/" + id + "/events";
        String token = TestTokens.viewer();
        List<RawStream> open = new ArrayList<>();
        List<RawStream> refused = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT + OVER; i++) {
                open.add(RawStream.open("127.0.0.1", RestAssured.port, target, token));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int served = 0;
            for (RawStream stream : open) {
                int status = stream.status(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (status == 503) {
                    refused.add(stream);
                } else {
                    assertThat(status)
                            .as("a served stream answers with the session at once")
                            .isEqualTo(200);
                    served++;
                }
            }
            // Streams other test classes left open count against the same limit.
            assertThat(served).isLessThanOrEqualTo(LIMIT);
            assertThat(refused).hasSizeGreaterThanOrEqualTo(OVER);
            for (RawStream stream : refused) {
                assertThat(stream.readToEnd(Duration.ofSeconds(10)))
                        .containsIgnoringCase("content-type: application/problem+json")
                        .containsIgnoringCase("retry-after: 5")
                        .contains("https://imagecast.io/problems/too-many-streams")
                        .contains("imagecast.session.sse.max-streams")
                        .contains("\"limit\":" + LIMIT);
            }
        } finally {
            for (RawStream stream : open) {
                stream.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (RawStream again = RawStream.open("127.0.0.1", RestAssured.port, target, token)) {
                return again.status(Duration.ofSeconds(5)) == 200;
            }
        });
    }
}
