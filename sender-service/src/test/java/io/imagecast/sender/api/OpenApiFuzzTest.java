package io.imagecast.sender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Every operation of this service's OpenAPI document under hostile requests (see {@link ApiFuzzer}):
 * no 5xx, every error a problem document naming the field. {@code -Dimagecast.fuzz.tries=N} sends
 * more than the CI default.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OpenApiFuzzTest {
    private static final int CI_TRIES = 1_300;

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationAnswersHostileRequestsWithinItsContract() {
        ApiFuzzer.Report report = ApiFuzzer.of("sender-service", root.getPort()).run(CI_TRIES);
        assertTrue(report.failures().isEmpty(), () -> report.summary() + "\n" + String.join("\n", report.failures()));
        assertEquals(0, report.serverErrors(), report::summary);
    }
}
