package io.imagecast.udpcast.sender;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's surroundings on Linux's epoll transport: an IPv4 epoll datagram channel of our own on
 * the engine's event loop (see {@link EpollSocket}), Vert.x timers for timeouts, and the 0.25 ms
 * pacing tick scheduled by the event loop itself (its timers use timerfd, precise below a
 * millisecond), so no pacer thread is needed.
 */
final class EpollSenderIo extends VertxTimedIo {
    private static final long PACING_INTERVAL_NANOS = 250_000L;

    private final EpollDatagramChannel channel;
    private final EventLoop loop;
    private final DatagramOut out;
    private Runnable paceTick;
    private ScheduledFuture<?> pacing;

    EpollSenderIo(Vertx vertx, EpollDatagramChannel channel, int receiverPort) {
        super(vertx);
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.out = new EpollBatchOut(channel, receiverPort);
    }

    @Override
    public void start(Inbound inbound, Consumer<String> errors, Runnable tick, Runnable paceTick) {
        this.paceTick = paceTick;
        channel.pipeline().addLast("imagecast-sender", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof DatagramPacket packet)) {
                    io.netty.util.ReferenceCountUtil.release(msg);
                    return;
                }
                try {
                    ByteBuf content = packet.content();
                    byte[] bytes = new byte[content.readableBytes()];
                    content.getBytes(content.readerIndex(), bytes);
                    inbound.datagram(
                            packet.sender().getAddress().getHostAddress(),
                            packet.sender().getPort(),
                            Buffer.buffer(bytes));
                } finally {
                    packet.release();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.accept(String.valueOf(cause.getMessage()));
            }
        });
        startTicks(tick);
    }

    @Override
    public void pacing(boolean active) {
        if (active && pacing == null && paceTick != null) {
            pacing = loop.scheduleAtFixedRate(
                    paceTick, PACING_INTERVAL_NANOS, PACING_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        } else if (!active && pacing != null) {
            pacing.cancel(false);
            pacing = null;
        }
    }

    @Override
    public DatagramOut out() {
        return out;
    }

    @Override
    public void close(long millis, Runnable closed) {
        stopTicks();
        pacing(false);
        vertx.setTimer(Math.max(1, millis), id -> channel.close().addListener(f -> closed.run()));
    }
}
