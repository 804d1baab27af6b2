package io.imagecast.udpcast.sender;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import io.vertx.core.buffer.Buffer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The sender's datagrams on Linux's epoll transport. Consecutive DATA datagrams to one destination are
 * laid out back to back in one direct buffer and handed to the kernel as a single UDP GSO send (one
 * {@code sendmsg} with {@code UDP_SEGMENT} carries up to 44 datagrams of a 1456-byte block size); the
 * kernel cuts them into ordinary datagrams, so receivers see exactly what one-by-one sends would give.
 * Netty's epoll channel writes what is queued with {@code sendmmsg}. Where the kernel or the native
 * library lacks GSO, or a GSO send fails, batches carry one datagram each and only sendmmsg remains.
 *
 * <p>Runs on the channel's event loop (the engine's), so writes go straight into the channel.
 */
final class EpollBatchOut implements DatagramOut {
    /** A UDP datagram (and so a GSO send) carries at most 65,507 bytes of payload over IPv4. */
    private static final int MAX_GSO_BYTES = 65_507;
    /** The kernel's UDP_MAX_SEGMENTS on older kernels. */
    private static final int MAX_GSO_SEGMENTS = 64;
    /** What may wait in Netty's queue when the kernel has no room before the engine stops sending. */
    private static final WriteBufferWaterMark QUEUE_LIMITS = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final EpollDatagramChannel channel;
    private final int port;
    private final Map<String, InetSocketAddress> addresses = new HashMap<>();
    private final ChannelFutureListener onWritten = this::written;
    private boolean gso;
    private String gsoFailure;

    private ByteBuf batch;
    private InetSocketAddress batchTo;
    private int segmentSize;
    private int segments;
    private int maxSegments;
    private boolean batchClosed;

    private boolean blocked;
    private final SendErrors errors = new SendErrors();

    EpollBatchOut(EpollDatagramChannel channel, int port) {
        this.channel = channel;
        this.port = port;
        this.gso = EpollDatagramChannel.isSegmentedDatagramPacketSupported();
        channel.config().setWriteBufferWaterMark(QUEUE_LIMITS);
    }

    @Override
    public String description() {
        return gso
                ? "epoll transport, UDP GSO batches through sendmmsg"
                : "epoll transport, sendmmsg batches without UDP GSO"
                        + (gsoFailure == null ? " (not supported here)" : " (GSO send failed: " + gsoFailure + ")");
    }

    @Override
    public void resume() {
        blocked = false;
    }

    @Override
    public boolean writable() {
        return !blocked && channel.isWritable();
    }

    @Override
    public boolean send(byte[] header, byte[] data, int offset, int length, String host) {
        if (!writable()) {
            blocked = true;
            return false;
        }
        int size = header.length + length;
        InetSocketAddress to = address(host);
        if (batch != null && (!to.equals(batchTo) || size > segmentSize || batchClosed || segments >= maxSegments)) {
            closeBatch();
        }
        if (batch == null) {
            segmentSize = size;
            batchTo = to;
            maxSegments = gso ? Math.max(1, Math.min(MAX_GSO_SEGMENTS, MAX_GSO_BYTES / size)) : 1;
            batch = channel.alloc().directBuffer(maxSegments * size);
        }
        batch.writeBytes(header).writeBytes(data, offset, length);
        segments++;
        // only the last datagram of a GSO send may be shorter than the others
        batchClosed = size < segmentSize;
        if (segments >= maxSegments) {
            closeBatch();
        }
        return true;
    }

    @Override
    public void sendNow(Buffer datagram, String host) {
        closeBatch();
        byte[] bytes = datagram.getBytes();
        ByteBuf buf = channel.alloc().directBuffer(bytes.length).writeBytes(bytes);
        write(new DatagramPacket(buf, address(host)));
    }

    @Override
    public String failure() {
        return errors.failure();
    }

    @Override
    public void flush() {
        closeBatch();
    }

    @Override
    public String takeNewError() {
        return errors.takeNew();
    }

    private void closeBatch() {
        if (batch == null) {
            return;
        }
        ByteBuf buf = batch;
        batch = null;
        int count = segments;
        segments = 0;
        batchClosed = false;
        if (count == 1) {
            write(new DatagramPacket(buf, batchTo));
        } else {
            write(new SegmentedDatagramPacket(buf, segmentSize, batchTo));
        }
    }

    private void write(Object packet) {
        ChannelFuture f = channel.writeAndFlush(packet);
        if (f.isDone()) {
            written(f);
        } else {
            f.addListener(onWritten);
        }
        if (!channel.isWritable()) {
            blocked = true;
        }
    }

    private void written(ChannelFuture f) {
        if (f.isSuccess()) {
            errors.succeeded();
            return;
        }
        String message = String.valueOf(f.cause().getMessage());
        errors.failed(message);
        if (gso && refusedGso(message)) {
            // the kernel refused the GSO send itself (the lost datagrams are asked for again by the receivers)
            gso = false;
            gsoFailure = message;
        }
    }

    /** Errors the kernel gives a GSO send it cannot take (as opposed to e.g. an unreachable network). */
    private static boolean refusedGso(String message) {
        return message.contains("Input/output error")
                || message.contains("Invalid argument")
                || message.contains("Message too long")
                || message.contains("not supported");
    }

    private InetSocketAddress address(String host) {
        return addresses.computeIfAbsent(host, h -> new InetSocketAddress(h, port));
    }
}
