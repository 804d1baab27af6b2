package io.imagecast.udpcast.sender;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import java.util.function.Consumer;

/**
 * The engine's surroundings on Vert.x's NIO transport: the bound Vert.x socket, Vert.x timers, and a
 * {@link PacingClock} thread for the 0.25 ms pacing tick (NIO timers round to whole milliseconds).
 */
final class VertxSenderIo extends VertxTimedIo {
    private static final long PACING_INTERVAL_NANOS = 250_000L;

    private final Context context;
    private final DatagramSocket socket;
    private final DatagramOut out;
    private PacingClock pacer;

    /** Called on the engine's context. */
    VertxSenderIo(Vertx vertx, DatagramSocket socket, int receiverPort) {
        super(vertx);
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.out = new JdkChannelOut(socket, receiverPort);
    }

    @Override
    public void start(Inbound inbound, Consumer<String> errors, Runnable tick, Runnable paceTick) {
        socket.handler(p -> inbound.datagram(p.sender().host(), p.sender().port(), p.data()));
        socket.exceptionHandler(e -> errors.accept(e.getMessage()));
        pacer = new PacingClock(PACING_INTERVAL_NANOS, task -> context.runOnContext(v -> task.run()), paceTick);
        pacer.start();
        startTicks(tick);
    }

    @Override
    public void pacing(boolean active) {
        if (pacer != null) {
            pacer.active(active);
        }
    }

    @Override
    public DatagramOut out() {
        return out;
    }

    @Override
    public void close(long millis, Runnable closed) {
        stopTicks();
        if (pacer != null) {
            pacer.close();
        }
        vertx.setTimer(Math.max(1, millis), id -> socket.close().onComplete(x -> closed.run()));
    }
}
