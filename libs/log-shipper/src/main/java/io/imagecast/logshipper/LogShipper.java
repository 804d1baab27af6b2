package io.imagecast.logshipper;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.log.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Moves log records from the application to Kafka on its own thread. {@link #offer} never blocks:
 * when the bounded buffer is full the record is dropped and counted, so a slow or absent broker
 * costs log lines, never application latency. Lost lines do not leave a silent gap: per session,
 * the shipper remembers how many were lost and when, and once Kafka takes records again it ships
 * a marker line "N lines dropped between t1 and t2" into that session's stream.
 */
public final class LogShipper implements AutoCloseable {
    private static final long IDLE_POLL_MILLIS = 200;
    private static final long OUTAGE_BACKOFF_MILLIS = 1_000;
    /** Sessions tracked separately; lines of further sessions are marked as session-less. */
    private static final int MAX_TRACKED_GAPS = 1_000;

    private static final String MARKER_LOGGER = LogShipper.class.getName();
    static final String DROPPED_LINES_FIELD = "droppedLines";

    private final ShipperSettings settings;
    private final BlockingQueue<LogRecord> buffer;
    private final Producer<String, byte[]> producer;
    private final ShipperStats stats = new ShipperStats();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sender;
    private final String source;
    /** Set by a send callback when Kafka timed out; cleared by a success and before each batch. */
    private volatile boolean brokerUnreachable;
    /** Lost lines not yet marked, by session id ("" for none). */
    private final Map<String, Gap> gaps = new ConcurrentHashMap<>();

    private long lastMarkerAttemptNanos;

    public LogShipper(ShipperSettings settings) {
        this(settings, LogShipper::kafkaProducer);
    }

    /** For tests and embedders that bring their own producer. */
    public LogShipper(ShipperSettings settings, Function<ShipperSettings, Producer<String, byte[]>> producers) {
        this.settings = settings;
        this.buffer = new ArrayBlockingQueue<>(settings.bufferCapacity());
        this.producer = producers.apply(settings);
        this.source = "/imagecast/" + settings.service() + "/" + settings.node();
        this.sender = new Thread(this::run, "imagecast-log-shipper");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    public ShipperSettings settings() {
        return settings;
    }

    public ShipperStats stats() {
        return stats;
    }

    /** Records waiting in the buffer. */
    public int buffered() {
        return buffer.size();
    }

    /** True on the shipper's own thread; the handler ignores records logged there to avoid feedback. */
    public boolean isShipperThread() {
        return Thread.currentThread() == sender;
    }

    /** Long enough to flush a last batch to a live broker, short enough not to hold up a shutdown. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    /** Queues a record; returns false (and counts a drop) when the buffer is full or the shipper is closed. */
    public boolean offer(LogRecord record) {
        if (!running.get() || !buffer.offer(record)) {
            stats.countBufferFull();
            remember(record);
            return false;
        }
        stats.countAccepted();
        return true;
    }

    private void run() {
        List<LogRecord> batch = new ArrayList<>(settings.batchSize());
        while (running.get() || !buffer.isEmpty()) {
            try {
                LogRecord first = buffer.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    buffer.drainTo(batch, settings.batchSize() - 1);
                    sendBatch(batch);
                }
                if (running.get()) {
                    sendMarkers();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // Whatever Kafka throws, the thread must survive: the records of this batch are lost.
                stats.countSendFailed(batch.size());
                batch.forEach(this::remember);
            } finally {
                batch.clear();
            }
        }
    }

    private void sendBatch(List<LogRecord> batch) throws InterruptedException {
        // Only this batch's probe may stop the batch: a timeout reported earlier (the broker may be
        // back by now) would otherwise drop all but the first record of every batch until a success
        // callback happened to arrive.
        brokerUnreachable = false;
        for (int i = 0; i < batch.size(); i++) {
            if (brokerUnreachable && i > 0) {
                // The probe (first record) timed out: don't wait max.block.ms for each of the rest.
                stats.countSendFailed(batch.size() - i);
                batch.subList(i, batch.size()).forEach(this::remember);
                if (running.get()) {
                    Thread.sleep(OUTAGE_BACKOFF_MILLIS);
                }
                return;
            }
            send(batch.get(i));
        }
    }

    private void send(LogRecord record) {
        producer.send(message(record), (metadata, error) -> {
            if (error == null) {
                brokerUnreachable = false;
                stats.countShipped();
            } else {
                brokerUnreachable = error instanceof TimeoutException;
                stats.countSendFailed(1);
                remember(record);
            }
        });
    }

    private ProducerRecord<String, byte[]> message(LogRecord record) {
        ProducerRecord<String, byte[]> message =
                new ProducerRecord<>(settings.topic(), record.key(), EventJson.toBytes(record));
        CloudEventHeaders.write(EventMetadata.newEvent(LogRecord.TYPE, source, record.sessionId()), message.headers());
        return message;
    }

    /** Counts a lost line against its session's gap; cheap, and safe on any thread. */
    private void remember(LogRecord record) {
        String session = record.sessionId() == null ? "" : record.sessionId();
        if (!gaps.containsKey(session) && gaps.size() >= MAX_TRACKED_GAPS) {
            session = "";
        }
        Instant at = record.timestamp() == null ? Instant.now() : record.timestamp();
        gaps.merge(session, new Gap(1, at, at, record.node()), Gap::plus);
    }

    /**
     * Ships one marker per session with lost lines, at most once a second. A marker that Kafka
     * refuses goes back into its gap, so the count is reported once Kafka takes records again.
     */
    private void sendMarkers() {
        if (gaps.isEmpty() || System.nanoTime() - lastMarkerAttemptNanos < OUTAGE_BACKOFF_MILLIS * 1_000_000) {
            return;
        }
        lastMarkerAttemptNanos = System.nanoTime();
        for (String session : List.copyOf(gaps.keySet())) {
            Gap gap = gaps.remove(session);
            if (gap == null) {
                continue;
            }
            LogRecord marker = new LogRecord(
                    gap.to(),
                    "warn",
                    settings.service(),
                    gap.node() == null ? settings.node() : gap.node(),
                    session.isEmpty() ? null : session,
                    MARKER_LOGGER,
                    gap.lines() + " lines dropped between " + gap.from() + " and " + gap.to(),
                    null,
                    Map.of(DROPPED_LINES_FIELD, Long.toString(gap.lines())));
            try {
                producer.send(message(marker), (metadata, error) -> {
                    if (error == null) {
                        brokerUnreachable = false;
                    } else {
                        brokerUnreachable = error instanceof TimeoutException;
                        gaps.merge(session, gap, Gap::plus);
                    }
                });
            } catch (RuntimeException e) {
                gaps.merge(session, gap, Gap::plus);
                throw e;
            }
        }
    }

    /** Lines of one session lost between {@code from} and {@code to} (their own timestamps). */
    private record Gap(long lines, Instant from, Instant to, String node) {
        Gap plus(Gap other) {
            return new Gap(
                    lines + other.lines,
                    from.isBefore(other.from) ? from : other.from,
                    to.isAfter(other.to) ? to : other.to,
                    to.isAfter(other.to) ? node : other.node);
        }
    }

    /**
     * Flushes what can be flushed within the timeout, then stops. The timeout bounds the whole close,
     * so a service's shutdown never waits long on a broker that is gone.
     */
    public void close(Duration timeout) {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            sender.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        int abandoned = buffer.size();
        buffer.clear();
        stats.countSendFailed(abandoned);
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    static Producer<String, byte[]> kafkaProducer(ShipperSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "imagecast-log-shipper-" + settings.service());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Logs favour throughput and never stall the app: leader ack only, short blocking, small linger.
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
        config.putAll(settings.producerOverrides());
        return new KafkaProducer<>(config);
    }
}
