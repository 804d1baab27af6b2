package io.imagecast.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Two relays, as two replicas would run them, drain one outbox table on a real PostgreSQL into a
 * real Kafka topic at the same time: every row arrives exactly once and each key's rows arrive in
 * the order they were written.
 */
class ConcurrentRelaysTest {
    private static final int KEYS = 8;
    private static final int ROWS_PER_KEY = 50;
    private static final int ROWS = KEYS * ROWS_PER_KEY;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void twoRelaysPublishEveryRowOnceAndKeepEachKeysOrder() throws Exception {
        DataSource dataSource = OutboxTables.freshOutbox();
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        String topic = "outbox-concurrent-" + UUID.randomUUID();
        createTopic(bootstrap, topic, 3);
        Set<String> written = writeInterleaved(dataSource, topic);

        int[] publishedBy = runTwoRelays(dataSource, bootstrap);

        assertThat(OutboxTables.count(dataSource)).as("rows left in the outbox").isZero();
        assertThat(publishedBy[0] + publishedBy[1]).isEqualTo(ROWS);
        assertThat(publishedBy).as("both relays took part").doesNotContain(0);

        List<ConsumerRecord<String, byte[]>> records;
        try (KafkaTap tap = KafkaTap.connect(bootstrap, "imagecast/test")) {
            records = tap.records(topic, WAIT);
        }
        List<String> ids = records.stream()
                .map(r -> CloudEventHeaders.read(r.headers()).orElseThrow().id())
                .toList();
        assertThat(ids).as("every row published exactly once").hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(written);
        Map<String, List<Integer>> sequenceByKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            sequenceByKey
                    .computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8)));
        }
        assertThat(sequenceByKey).hasSize(KEYS);
        sequenceByKey.forEach((key, sequence) ->
                assertThat(sequence).as("order of key " + key).isSorted().hasSize(ROWS_PER_KEY));
    }

    /** Rows of all keys interleaved, as busy aggregates write them; the value is the row's rank within its key. */
    private static Set<String> writeInterleaved(DataSource dataSource, String topic) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                String id = UUID.randomUUID().toString();
                byte[] value = Integer.toString(i / KEYS).getBytes(StandardCharsets.UTF_8);
                OutboxWriter.write(
                        connection,
                        new OutboxMessage(id, topic, "node-" + (i % KEYS), "test.row", null, Instant.now(), value));
                ids.add(id);
            }
            connection.commit();
        }
        return ids;
    }

    /** Both relays start together and drain until the table is empty; returns what each published. */
    private static int[] runTwoRelays(DataSource dataSource, String bootstrap) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String name : List.of("relay-a", "relay-b")) {
                // A batch wider than the number of keys: a relay claiming plain oldest rows would take
                // several rows of one key and race the other relay on the same key.
                OutboxSettings settings = new OutboxSettings(
                        "imagecast/test", "outbox-test-" + name, Duration.ofMillis(100), 20, Duration.ofSeconds(10));
                Callable<Integer> drain = () -> {
                    try (KafkaProducer<String, byte[]> producer = OutboxProducer.create(bootstrap, settings)) {
                        OutboxRelay relay = new OutboxRelay(dataSource, producer, settings);
                        start.await();
                        int published = 0;
                        long deadline = System.nanoTime() + WAIT.toNanos();
                        while (relay.pending() > 0 && System.nanoTime() < deadline) {
                            published += relay.drain();
                        }
                        return published;
                    }
                };
                results.add(threads.submit(drain));
            }
            return new int[] {
                results.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS),
                results.get(1).get(WAIT.toSeconds(), TimeUnit.SECONDS)
            };
        } finally {
            threads.shutdownNow();
        }
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
