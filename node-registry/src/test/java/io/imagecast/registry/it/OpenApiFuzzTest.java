package io.imagecast.registry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every operation of this service's OpenAPI document under hostile requests (see {@link ApiFuzzer}):
 * no 5xx, every error a problem document naming the field. Runs when {@code -Dimagecast.fuzz.tries=N}
 * is given (N requests); not yet part of the default build, which it joins once a full run of all
 * four services has passed.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@EnabledIfSystemProperty(named = ApiFuzzer.TRIES_PROPERTY, matches = "[0-9]+")
class OpenApiFuzzTest {
    private static final int FALLBACK_TRIES = 1_300;

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationAnswersHostileRequestsWithinItsContract() {
        ApiFuzzer.Report report = ApiFuzzer.of("node-registry", root.getPort()).run(FALLBACK_TRIES);
        assertTrue(report.failures().isEmpty(), () -> report.summary() + "\n" + String.join("\n", report.failures()));
        assertEquals(0, report.serverErrors(), report::summary);
    }
}
