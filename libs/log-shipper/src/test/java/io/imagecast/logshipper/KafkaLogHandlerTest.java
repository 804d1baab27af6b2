package io.imagecast.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.log.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaLogHandlerTest {
    private final LogShipper shipper = new LogShipper(
            ShipperSettings.defaults("sender-service", "node-a", "unused:9092"),
            settings -> new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()));
    private final KafkaLogHandler handler = new KafkaLogHandler(shipper);

    @AfterEach
    void clearMdc() {
        MDC.clear();
        shipper.close();
    }

    @Test
    void mapsRecordWithMdcSessionNodeFieldsAndException() {
        MDC.put("sessionId", "s-42");
        MDC.put("nodeId", "node-b");
        MDC.put("receiver", "10.0.0.7");
        ExtLogRecord record = new ExtLogRecord(
                Level.WARNING, "receiver %s timed out", ExtLogRecord.FormatStyle.PRINTF, "org.example.Sender");
        record.setParameters(new Object[] {"10.0.0.7"});
        record.setLoggerName("io.imagecast.sender.Transfer");
        record.setThrown(new IllegalStateException("boom", new java.io.IOException("wire")));
        record.setInstant(Instant.parse("2026-11-25T10:00:00Z"));

        LogRecord mapped = handler.toLogRecord(record);

        assertThat(mapped.timestamp()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(mapped.level()).isEqualTo("warn");
        assertThat(mapped.service()).isEqualTo("sender-service");
        assertThat(mapped.node()).isEqualTo("node-b");
        assertThat(mapped.sessionId()).isEqualTo("s-42");
        assertThat(mapped.logger()).isEqualTo("io.imagecast.sender.Transfer");
        assertThat(mapped.message()).isEqualTo("receiver 10.0.0.7 timed out");
        assertThat(mapped.exception())
                .startsWith("java.lang.IllegalStateException: boom")
                .contains("Caused by: java.io.IOException: wire");
        assertThat(mapped.fields()).isEqualTo(Map.of("receiver", "10.0.0.7"));
    }

    @Test
    void usesConfiguredNodeAndNoSessionWithoutMdc() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "started", "org.example.Main");
        record.setLoggerName("io.imagecast.Main");

        LogRecord mapped = handler.toLogRecord(record);

        assertThat(mapped.node()).isEqualTo("node-a");
        assertThat(mapped.sessionId()).isNull();
        assertThat(mapped.exception()).isNull();
        assertThat(mapped.fields()).isNull();
        assertThat(mapped.level()).isEqualTo("info");
    }

    @Test
    void ignoresRecordsBelowLevelAndKafkaClientFeedback() {
        java.util.logging.LogRecord debug = new java.util.logging.LogRecord(Level.FINE, "noise");
        debug.setLoggerName("io.imagecast.x");
        java.util.logging.LogRecord kafka = new java.util.logging.LogRecord(Level.WARNING, "broker down");
        kafka.setLoggerName("org.apache.kafka.clients.NetworkClient");
        java.util.logging.LogRecord kept = new java.util.logging.LogRecord(Level.INFO, "kept {0}");
        kept.setParameters(new Object[] {"1"});
        kept.setLoggerName("io.imagecast.x");

        handler.publish(debug);
        handler.publish(kafka);
        handler.publish(kept);

        assertThat(shipper.stats().accepted()).isEqualTo(1);
    }

    @Test
    void levelNamesFollowLokiConventions() {
        List<String> names = new ArrayList<>();
        for (Level level : List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE, Level.FINEST)) {
            names.add(LevelNames.of(level));
        }
        names.add(LevelNames.of(org.jboss.logmanager.Level.FATAL));
        names.add(LevelNames.of(org.jboss.logmanager.Level.ERROR));
        assertThat(names).containsExactly("error", "warn", "info", "debug", "trace", "fatal", "error");
    }
}
