package io.imagecast.udpcast.sender;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's surroundings on Vert.x: the bound socket and Vert.x timers. The 0.25 ms pacing tick is
 * a task the epoll event loop schedules itself (its timers use timerfd, precise below a millisecond);
 * on the NIO transport, whose timers round to whole milliseconds, a {@link PacingClock} thread wakes
 * the event loop instead.
 */
final class VertxSenderIo implements SenderIo {
    private static final long PACING_INTERVAL_NANOS = 250_000L;

    private final Vertx vertx;
    private final Context context;
    private final DatagramSocket socket;
    private final DatagramOut out;
    private long timerId = -1;
    private PacingClock pacer;
    private io.netty.channel.EventLoop epollLoop;
    private Runnable paceTick;
    private java.util.concurrent.ScheduledFuture<?> pacing;

    /** Called on the engine's context. */
    VertxSenderIo(Vertx vertx, DatagramSocket socket, int receiverPort) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.out = DatagramOut.of(socket, receiverPort);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void start(Inbound inbound, Consumer<String> errors, Runnable tick, Runnable paceTick) {
        socket.handler(p -> inbound.datagram(p.sender().host(), p.sender().port(), p.data()));
        socket.exceptionHandler(e -> errors.accept(e.getMessage()));
        io.netty.channel.EventLoop loop = ((io.vertx.core.impl.ContextInternal) context).nettyEventLoop();
        if (loop instanceof io.netty.channel.epoll.EpollEventLoop) {
            epollLoop = loop;
            this.paceTick = paceTick;
        } else {
            pacer = new PacingClock(PACING_INTERVAL_NANOS, task -> context.runOnContext(v -> task.run()), paceTick);
            pacer.start();
        }
        timerId = vertx.setPeriodic(1, id -> tick.run());
    }

    @Override
    public void pacing(boolean active) {
        if (pacer != null) {
            pacer.active(active);
        } else if (epollLoop != null) {
            if (active && pacing == null) {
                pacing = epollLoop.scheduleAtFixedRate(
                        paceTick, PACING_INTERVAL_NANOS, PACING_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
            } else if (!active && pacing != null) {
                pacing.cancel(false);
                pacing = null;
            }
        }
    }

    @Override
    public void after(long millis, Runnable task) {
        vertx.setTimer(Math.max(1, millis), id -> task.run());
    }

    @Override
    public DatagramOut out() {
        return out;
    }

    @Override
    public void close(long millis, Runnable closed) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (pacer != null) {
            pacer.close();
        }
        pacing(false);
        vertx.setTimer(Math.max(1, millis), id -> socket.close().onComplete(x -> closed.run()));
    }
}
