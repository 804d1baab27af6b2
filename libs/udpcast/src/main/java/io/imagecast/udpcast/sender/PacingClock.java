package io.imagecast.udpcast.sender;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Wakes the engine every {@code intervalNanos} (0.25 ms) to send what pacing allows. Vert.x and Netty
 * NIO timers round to whole milliseconds, so with the 1 ms tick alone each tick had to send a whole
 * millisecond's worth at once: the burst then capped the rate near burst/ms, and receivers got the
 * data in large lumps. A parked thread wakes far more precisely; it hands each wake-up to the event loop
 * and sends the next one only after that ran, so a busy loop never piles them up. Outside a file
 * transfer it only parks, so a sender waiting for receivers costs nothing.
 */
final class PacingClock implements AutoCloseable {
    private final long intervalNanos;
    private final Consumer<Runnable> eventLoop;
    private final Runnable onTick;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean pending;
    private volatile boolean active;

    PacingClock(long intervalNanos, Consumer<Runnable> eventLoop, Runnable onTick) {
        this.intervalNanos = intervalNanos;
        this.eventLoop = eventLoop;
        this.onTick = onTick;
        this.thread = new Thread(this::run, "udpcast-pacer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** On while a file is being sent. */
    void active(boolean on) {
        active = on;
        if (on) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            if (!active) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(intervalNanos);
            if (active && !pending && !closed) {
                pending = true;
                eventLoop.accept(this::tickOnLoop);
            }
        }
    }

    private void tickOnLoop() {
        pending = false;
        if (active && !closed) {
            onTick.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
