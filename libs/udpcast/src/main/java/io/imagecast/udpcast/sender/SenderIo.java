package io.imagecast.udpcast.sender;

import io.vertx.core.buffer.Buffer;

/**
 * What the sender engine needs from its surroundings: a clock, timers, the socket's inbound datagrams
 * and outbound path. {@link VertxSenderIo} is the real one; tests drive the engine through a fake with
 * a manual clock, so its rules run in plain JUnit without root or a network.
 */
interface SenderIo {
    /** Datagrams arriving at the sender's port. */
    @FunctionalInterface
    interface Inbound {
        void datagram(String host, int port, Buffer data);
    }

    long nanoTime();

    /**
     * Starts delivering: inbound datagrams and socket errors, {@code tick} every millisecond, and
     * {@code paceTick} on the finer pacing clock while pacing is on.
     */
    void start(Inbound inbound, java.util.function.Consumer<String> errors, Runnable tick, Runnable paceTick);

    /** The pacing clock runs only while a file is being sent. */
    void pacing(boolean active);

    /** Runs {@code task} once, {@code millis} from now, on the engine's thread. */
    void after(long millis, Runnable task);

    DatagramOut out();

    /** Stops the ticks and the pacing clock, then closes the socket {@code millis} from now and runs {@code closed}. */
    void close(long millis, Runnable closed);
}
