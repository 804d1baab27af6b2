package io.imagecast.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.Topics;
import io.imagecast.logshipper.KafkaLogHandler;
import io.imagecast.logshipper.LogShipper;
import io.imagecast.logshipper.ShipperSettings;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class IngestionTest {
    @Inject
    DataSource dataSource;

    @Test
    void everyRecordShippedByTheHandlerIsStoredExactlyOnce() throws Exception {
        String session = "ingest-" + UUID.randomUUID();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        int count = 5_000;
        try (LogShipper shipper = new LogShipper(ShipperSettings.defaults("sender-service", "node-t", bootstrap))) {
            KafkaLogHandler handler = new KafkaLogHandler(shipper);
            MDC.put("sessionId", session);
            try {
                for (int i = 0; i < count; i++) {
                    ExtLogRecord record = new ExtLogRecord(
                            Level.INFO, "block " + i + " sent", getClass().getName());
                    record.setLoggerName("io.imagecast.sender");
                    handler.publish(record);
                }
            } finally {
                MDC.remove("sessionId");
            }
            LogFixtures.awaitStored(dataSource, session, count);
            shipper.close(Duration.ofSeconds(10));
            assertThat(shipper.stats().shipped()).isEqualTo(count);
            assertThat(shipper.stats().dropped()).isZero();
        }
        assertThat(LogFixtures.countSession(dataSource, session)).isEqualTo(count);
    }

    @Test
    void redeliveredRecordIsStoredOnceAndGarbageIsSkipped() throws Exception {
        String session = "dup-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = LogFixtures.producer()) {
            ProducerRecord<String, byte[]> record =
                    LogFixtures.record(LogFixtures.line(Instant.now(), "info", "svc", "n1", session, "once"));
            producer.send(record);
            producer.send(record); // same ce_id: a redelivery
            ProducerRecord<String, byte[]> garbage =
                    new ProducerRecord<>(Topics.LOGS, session, "not json".getBytes(StandardCharsets.UTF_8));
            record.headers().forEach(h -> garbage.headers().add(h));
            producer.send(garbage);
            producer.send(new ProducerRecord<>(Topics.LOGS, session, "no headers".getBytes(StandardCharsets.UTF_8)));
            producer.send(LogFixtures.record(LogFixtures.line(Instant.now(), "info", "svc", "n1", session, "marker")));
            producer.flush();
        }
        // Same key, same partition: once the marker is stored, everything before it was processed.
        LogFixtures.awaitStored(dataSource, session, 2);
        assertThat(LogFixtures.countSession(dataSource, session)).isEqualTo(2);
    }
}
