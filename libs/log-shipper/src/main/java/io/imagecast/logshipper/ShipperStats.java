package io.imagecast.logshipper;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one shipper; read by the metrics binding and by tests. */
public final class ShipperStats {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong droppedBufferFull = new AtomicLong();
    private final AtomicLong droppedSendFailed = new AtomicLong();

    void countAccepted() {
        accepted.incrementAndGet();
    }

    void countShipped() {
        shipped.incrementAndGet();
    }

    void countBufferFull() {
        droppedBufferFull.incrementAndGet();
    }

    void countSendFailed(long count) {
        droppedSendFailed.addAndGet(count);
    }

    /** Records taken into the buffer. */
    public long accepted() {
        return accepted.get();
    }

    /** Records acknowledged by Kafka. */
    public long shipped() {
        return shipped.get();
    }

    /** Records lost because the buffer was full (Kafka slower than the application logs). */
    public long droppedBufferFull() {
        return droppedBufferFull.get();
    }

    /** Records lost because Kafka refused or timed out. */
    public long droppedSendFailed() {
        return droppedSendFailed.get();
    }

    /** Every record that will never reach Kafka. */
    public long dropped() {
        return droppedBufferFull() + droppedSendFailed();
    }
}
