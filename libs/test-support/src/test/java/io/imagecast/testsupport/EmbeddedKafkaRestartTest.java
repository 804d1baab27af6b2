package io.imagecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaRestartTest {

    @Test
    void restartedBrokerKeepsItsPortAndRecordsAndServesTheSameProducer() throws Exception {
        String topic = "imagecast.restart." + UUID.randomUUID();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                        ProducerConfig.LINGER_MS_CONFIG, 0,
                        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            int port = kafka.port();
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(accepts(port))
                    .as("port refuses connections while stopped")
                    .isFalse();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "lost"))
                            .get(30, TimeUnit.SECONDS))
                    .as("a send while the broker is down fails within the delivery timeout")
                    .isInstanceOf(ExecutionException.class);

            kafka.restart();
            System.out.println("Kafka restart until AdminClient sees the broker took "
                    + kafka.startupTime().toMillis() + " ms");
            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.port()).isEqualTo(port);
            assertThat(accepts(port)).isTrue();
            assertThat(Files.readString(kafka.baseDir().resolve("kafka-1.log"))).contains("Kafka Server started");

            // The producer created before the outage reconnects by itself; a short delivery timeout
            // may expire while the partition leader is still being elected, hence the retries.
            RecordMetadata after = sendWithRetries(producer, new ProducerRecord<>(topic, "k", "after"));
            assertThat(after.offset())
                    .as("the record from before the outage survived")
                    .isEqualTo(1);

            assertThat(readAll(kafka.bootstrapServers(), topic, 2)).containsExactly("before", "after");
        }
    }

    @Test
    void stopAndCloseAreIdempotent() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.stop();
        kafka.stop();
        kafka.close();
        kafka.close();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(kafka.baseDir()).doesNotExist();
    }

    private static RecordMetadata sendWithRetries(
            KafkaProducer<String, String> producer, ProducerRecord<String, String> record) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return producer.send(record).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "restart-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
