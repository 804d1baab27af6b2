package io.imagecast.logs.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.events.log.LogRecord;
import io.imagecast.logs.LogFixtures;
import io.imagecast.logs.service.RetentionJob;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the benchmark of issue 8, run by {@code log-service/bench/run.sh}
 * ({@code -Dimagecast.bench=true}). Prints ingest lines/s (Kafka to PostgreSQL through the real
 * consumer) and p50/p95 query latency over 5 million stored lines.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class LogBenchmark {
    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    RetentionJob retention;

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("imagecast.bench"), "run with -Dimagecast.bench=true (log-service/bench/run.sh)");
        int ingestLines = Integer.getInteger("imagecast.bench.ingest", 300_000);
        int storedLines = Integer.getInteger("imagecast.bench.stored", 5_000_000);
        ingest(ingestLines);
        bulkLoad(storedLines);
        queries();
    }

    private void ingest(int lines) throws Exception {
        String session = "bench-" + UUID.randomUUID();
        Instant now = Instant.now();
        // The consumer runs while the lines are produced, so the clock starts before the first send
        // and stops when the last line is stored: sustained end-to-end throughput.
        double before = ingestedCounter();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = LogFixtures.producer()) {
            for (int i = 0; i < lines; i++) {
                producer.send(LogFixtures.record(new LogRecord(
                        now.minusMillis(lines - i),
                        i % 50 == 0 ? "warn" : "info",
                        "sender-service",
                        "node-" + (i % 4),
                        session + "-" + (i % 20),
                        "io.imagecast.sender.Transfer",
                        "slice " + i + " sent to 239.0.7." + (i % 200) + ": 1456 bytes, 3 receivers acked",
                        null,
                        Map.of("port", "9000"))));
            }
            producer.flush();
        }
        long producedAt = System.nanoTime();
        double produced = (producedAt - started) / 1e9;
        double backlog = lines - (ingestedCounter() - before);
        long deadline = started + 600_000_000_000L;
        // Follow progress with the consumer's in-process counter: counting rows in the database
        // every 200 ms would itself take CPU from the ingest being measured. The database count
        // then confirms that every line is stored.
        while (ingestedCounter() - before < lines && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long stored;
        while ((stored = countBenchLines(session)) < lines && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long storedAt = System.nanoTime();
        double seconds = (storedAt - started) / 1e9;
        double drain = (storedAt - producedAt) / 1e9;
        // The producer in this JVM is itself limited to a similar rate, so the end-to-end figure is
        // a floor; the backlog left when producing ended, drained by the consumer alone, is the
        // ingest rate.
        System.out.printf(
                "BENCH ingest: %d lines stored; end-to-end %.1f s = %.0f lines/s (producing took %.1f s);"
                        + " backlog of %.0f drained in %.1f s = %.0f lines/s (target >= 20000)%n",
                stored, seconds, stored / seconds, produced, backlog, drain, backlog / drain);
    }

    private double ingestedCounter() {
        // Registered when the ingest bean is first used.
        Counter ingested = registry.find("imagecast.logs.ingested").counter();
        return ingested == null ? 0 : ingested.count();
    }

    private long countBenchLines(String session) throws Exception {
        long stored = 0;
        for (int s = 0; s < 20; s++) {
            stored += LogFixtures.countSession(dataSource, session + "-" + s);
        }
        return stored;
    }

    private void bulkLoad(int lines) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // 5M lines over the last 7 days, 2,000 sessions, 4 services, 8 nodes; same indexes as ingest.
            statement.execute("INSERT INTO log_line (ts, level, service, node, session_id, logger, message, event_id)"
                    + " SELECT now() - (g * (interval '7 days' / " + lines + ")),"
                    + " (ARRAY['info','info','info','info','debug','warn','error'])[1 + g % 7],"
                    + " (ARRAY['sender-service','session-service','node-registry','log-service'])[1 + g % 4],"
                    + " 'node-' || (g % 8), 'sess-' || (g % 2000), 'io.imagecast.bench',"
                    + " 'slice ' || g || ' to 239.1.' || (g % 250) || '.' || (g % 7) || ' receiver ' || md5(g::text),"
                    + " 'bulk-' || g FROM generate_series(1, " + lines + ") AS g");
            statement.execute("ANALYZE log_line");
        }
        System.out.printf("BENCH bulk load: %d lines in %.1f s%n", lines, (System.nanoTime() - started) / 1e9);
        // What the hourly job does once a day is over: build the finished days' text-search index.
        started = System.nanoTime();
        retention.indexClosedDays();
        System.out.printf(
                "BENCH text-search index of finished days built in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void queries() {
        String token = TestTokens.viewer();
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(1, ChronoUnit.HOURS);
        long[] session = new long[60];
        long[] text = new long[60];
        long[] wideText = new long[60];
        for (int n = 0; n < 60; n++) {
            final int i = n;
            session[i] = time(() -> given().auth()
                    .oauth2(token)
                    .queryParam("session", "sess-" + (i * 37 % 2000))
                    .queryParam("limit", 100)
                    .get("/api/v1/logs")
                    .then()
                    .statusCode(200));
            String needle = Integer.toHexString(0x1000 + i * 97).substring(0, 4);
            text[i] = time(() -> given().auth()
                    .oauth2(token)
                    .queryParam("contains", needle)
                    .queryParam("from", from.toString())
                    .queryParam("to", to.toString())
                    .queryParam("limit", 100)
                    .get("/api/v1/logs")
                    .then()
                    .statusCode(200));
            wideText[i] = time(() -> given().auth()
                    .oauth2(token)
                    .queryParam("contains", needle)
                    .queryParam("from", to.minus(7, ChronoUnit.DAYS).toString())
                    .queryParam("to", to.toString())
                    .queryParam("limit", 100)
                    .get("/api/v1/logs")
                    .then()
                    .statusCode(200));
        }
        report("session filter (newest 100, all time)", session);
        report("text search in 1 h window (newest 100)", text);
        report("text search in 7 d window (newest 100)", wideText);
    }

    private static long time(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void report(String name, long[] millis) {
        long[] sorted = Arrays.copyOfRange(millis, 5, millis.length); // first 5 warm up
        Arrays.sort(sorted);
        long p50 = sorted[sorted.length / 2];
        long p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
        System.out.printf("BENCH query %s: p50 %d ms, p95 %d ms (target p95 < 300 ms)%n", name, p50, p95);
    }
}
