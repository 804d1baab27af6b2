package io.imagecast.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Runs a service's relay on a thread of its own: every poll interval, and right away when
 * {@link #nudge() nudged} after a commit that queued messages. Owns the relay's producer.
 */
public final class OutboxRelayLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxRelayLoop.class.getName());

    private final OutboxRelay relay;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();

    private OutboxRelayLoop(OutboxRelay relay, KafkaProducer<String, byte[]> producer, String threadName) {
        this.relay = relay;
        this.producer = producer;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates the producer and starts relaying; the first run is immediate. */
    public static OutboxRelayLoop start(DataSource dataSource, String bootstrapServers, OutboxSettings settings) {
        KafkaProducer<String, byte[]> producer = OutboxProducer.create(bootstrapServers, settings);
        OutboxRelayLoop loop =
                new OutboxRelayLoop(new OutboxRelay(dataSource, producer, settings), producer, settings.clientId());
        long everyMs = Math.max(1, settings.pollInterval().toMillis());
        loop.executor.scheduleWithFixedDelay(loop::run, 0, everyMs, TimeUnit.MILLISECONDS);
        return loop;
    }

    /** Asks for a run as soon as possible; requests made while one is queued ride on it. */
    public void nudge() {
        if (!closed.get() && nudged.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: the rows wait in the table for the next start
            }
        }
    }

    public OutboxRelay relay() {
        return relay;
    }

    private void run() {
        nudged.set(false);
        try {
            relay.drain();
        } catch (RuntimeException e) {
            // Never let it escape: the executor would cancel every later run.
            LOG.log(System.Logger.Level.WARNING, "outbox relay could not publish, will retry: " + e.getMessage());
        } finally {
            runs.incrementAndGet();
        }
    }

    /** Runs finished so far: lets a test wait until the loop is idle. */
    long runs() {
        return runs.get();
    }

    /**
     * Stops promptly: a run blocked on an unreachable broker is interrupted, and unsent rows simply
     * wait in the table for the next start (of this replica or another).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(1));
    }
}
