package io.imagecast.logs;

import static org.awaitility.Awaitility.await;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.Topics;
import io.imagecast.events.log.LogRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Puts log records on the real logs topic and waits until the service has stored them. */
public final class LogFixtures {
    private LogFixtures() {}

    public static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    public static ProducerRecord<String, byte[]> record(LogRecord log) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOGS, log.key(), EventJson.toBytes(log));
        CloudEventHeaders.write(EventMetadata.newEvent(LogRecord.TYPE, "/test", log.sessionId()), record.headers());
        return record;
    }

    public static void publish(List<LogRecord> logs) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (LogRecord log : logs) {
                producer.send(record(log));
            }
            producer.flush();
        }
    }

    public static void awaitStored(DataSource dataSource, String sessionId, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> countSession(dataSource, sessionId) >= expected);
    }

    public static long countSession(DataSource dataSource, String sessionId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT count(*) FROM log_line WHERE session_id = ?")) {
            statement.setString(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public static LogRecord line(
            java.time.Instant at, String level, String service, String node, String session, String message) {
        return new LogRecord(at, level, service, node, session, "io.imagecast.test", message, null, Map.of("k", "v"));
    }
}
