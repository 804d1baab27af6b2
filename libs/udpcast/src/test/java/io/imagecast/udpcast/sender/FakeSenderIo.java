package io.imagecast.udpcast.sender;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The engine's surroundings for plain JUnit: a manual clock, timers that fire when the clock passes
 * them, and an outbound path that records every datagram (the test hands them to fake receivers). No
 * socket, no threads: one test thread drives everything.
 */
final class FakeSenderIo implements SenderIo {
    private static final long MS = 1_000_000L;

    /** One datagram the engine sent: the destination host and the bytes. */
    record Sent(String host, byte[] bytes, long atNanos) {}

    private record Timer(long dueNanos, long order, Runnable task) {}

    private long now = 1_000 * MS;
    private long timerOrder;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final List<Sent> sent = new ArrayList<>();
    private final ArrayDeque<Sent> undelivered = new ArrayDeque<>();
    private Inbound inbound;
    private Runnable tick;
    private Runnable paceTick;
    private boolean pacing;
    private boolean closed;
    /** The kernel refuses every datagram while set (a network that fails under the sender). */
    String refusal;

    private final DatagramOut out = new DatagramOut() {
        private String lastError;
        private String failure;

        @Override
        public String description() {
            return "fake transport";
        }

        @Override
        public void resume() {}

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public boolean send(byte[] header, byte[] data, int offset, int length, String host) {
            byte[] bytes = new byte[header.length + length];
            System.arraycopy(header, 0, bytes, 0, header.length);
            System.arraycopy(data, offset, bytes, header.length, length);
            record(host, bytes);
            return true;
        }

        @Override
        public void sendNow(Buffer datagram, String host) {
            record(host, datagram.getBytes());
        }

        private void record(String host, byte[] bytes) {
            if (refusal != null) {
                lastError = refusal;
                failure = refusal;
                return;
            }
            failure = null;
            Sent s = new Sent(host, bytes, now);
            sent.add(s);
            undelivered.add(s);
        }

        @Override
        public void flush() {}

        @Override
        public String takeNewError() {
            String e = lastError;
            lastError = null;
            return e;
        }

        @Override
        public String failure() {
            return failure;
        }
    };

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void start(Inbound inbound, Consumer<String> errors, Runnable tick, Runnable paceTick) {
        this.inbound = inbound;
        this.tick = tick;
        this.paceTick = paceTick;
    }

    @Override
    public void pacing(boolean active) {
        pacing = active;
    }

    @Override
    public void after(long millis, Runnable task) {
        timers.add(new Timer(now + Math.max(1, millis) * MS, timerOrder++, task));
    }

    @Override
    public DatagramOut out() {
        return out;
    }

    @Override
    public void close(long millis, Runnable done) {
        closed = true;
        after(millis, done);
    }

    /** Moves the clock by one pacing step (0.25 ms), running what is due on the way. */
    void step() {
        now += MS / 4;
        while (!timers.isEmpty() && timers.peek().dueNanos <= now) {
            timers.poll().task.run();
        }
        if (closed) {
            return;
        }
        if (pacing) {
            paceTick.run();
        }
        if ((now / (MS / 4)) % 4 == 0) {
            tick.run();
        }
    }

    /** Datagrams sent since the last call, in order. */
    List<Sent> takeUndelivered() {
        List<Sent> out = new ArrayList<>(undelivered);
        undelivered.clear();
        return out;
    }

    /** Every datagram sent so far, in order. */
    List<Sent> sent() {
        return sent;
    }

    /** A datagram arriving at the sender's port. */
    void receive(String host, int port, byte[] bytes) {
        inbound.datagram(host, port, Buffer.buffer(bytes));
    }

    long nowNanos() {
        return now;
    }
}
