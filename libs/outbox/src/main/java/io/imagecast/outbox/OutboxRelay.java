package io.imagecast.outbox;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventMetadata;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes outbox rows and deletes each once the broker acknowledged it. Each pass is one
 * transaction that holds its rows locked while they are sent, so any number of relays (one per
 * replica) can run against the same table: a row is claimed by one relay at a time, and a row that
 * was not acknowledged stays for a later pass (at-least-once; consumers de-duplicate by ce_id).
 */
public final class OutboxRelay {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final OutboxSettings settings;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, OutboxSettings settings) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.settings = settings;
    }

    /** What one pass did. */
    public record Pass(int claimed, int published) {
        /** Every claimed row went out: there may be more right behind them. */
        public boolean complete() {
            return claimed > 0 && published == claimed;
        }
    }

    /** Passes until the table is empty or a pass could not publish everything it claimed. */
    public int drain() {
        int published = 0;
        Pass pass;
        do {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            pass = relayOnce();
            published += pass.published();
        } while (pass.complete());
        return published;
    }

    /** One transaction: claim the head row of up to batch-size keys, send them, delete the acknowledged ones. */
    public Pass relayOnce() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Pass pass = publishClaimed(connection, OutboxStore.claimHeads(connection, settings.batchSize()));
                connection.commit();
                return pass;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new OutboxException("outbox relay pass failed", e);
        }
    }

    /** The number of rows not yet published. */
    public long pending() {
        try (Connection connection = dataSource.getConnection()) {
            return OutboxStore.count(connection);
        } catch (SQLException e) {
            throw new OutboxException("cannot count the outbox", e);
        }
    }

    private Pass publishClaimed(Connection connection, List<PendingMessage> claimed) throws SQLException {
        if (claimed.isEmpty()) {
            return new Pass(0, 0);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (PendingMessage pending : claimed) {
            Future<RecordMetadata> future = producer.send(toRecord(pending.message()));
            sent.add(future);
            // Without broker metadata every send blocks up to max.block.ms: one such failure per
            // pass is enough, the rest stay claimed-but-unsent and are released at commit.
            if (failedAlready(future)) {
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            PendingMessage pending = claimed.get(i);
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(pending.id());
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                OutboxStore.recordFailure(connection, pending.id(), String.valueOf(cause));
                LOG.log(
                        System.Logger.Level.WARNING,
                        "outbox: {0} {1} (key {2}, attempt {3}) waits for the broker: {4}",
                        pending.message().ceType(),
                        pending.message().eventId(),
                        pending.message().key(),
                        pending.attempts() + 1,
                        cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        OutboxStore.delete(connection, acknowledged);
        return new Pass(claimed.size(), acknowledged.size());
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
        CloudEventHeaders.write(
                new EventMetadata(
                        message.eventId(),
                        message.ceType(),
                        settings.source(),
                        message.occurredAt(),
                        message.ceSubject()),
                record.headers());
        return record;
    }

    private static boolean failedAlready(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return false;
        }
        try {
            future.get();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
