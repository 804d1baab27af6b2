package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.SocketTuning;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * The hot path for DATA datagrams. Vert.x's {@code send(Buffer, port, host)} resolves the host, builds
 * a promise and flushes for every datagram, and Netty then copies the heap buffer into a direct one.
 * Here each block is written once into a pooled direct buffer and handed to the Netty channel with a
 * void promise; one flush per pacing burst. Falls back to the Vert.x API when the channel cannot be
 * reached.
 */
final class DataPath {
    private final DatagramSocket socket;
    private final DatagramChannel channel;
    private final int port;
    private InetSocketAddress destination;
    private String destinationHost;
    private boolean pending;

    DataPath(DatagramSocket socket, int port) {
        this.socket = socket;
        this.channel = SocketTuning.nettyChannel(socket);
        this.port = port;
    }

    boolean direct() {
        return channel != null;
    }

    /** False when the channel's outbound buffer is above its high-water mark: stop for now. */
    boolean writable() {
        return channel == null || channel.isWritable();
    }

    void send(byte[] header, byte[] data, int offset, int length, String host) {
        if (channel == null) {
            socket.send(
                    Buffer.buffer(header.length + length).appendBytes(header).appendBytes(data, offset, length),
                    port,
                    host);
            return;
        }
        if (!host.equals(destinationHost)) {
            destinationHost = host;
            destination = new InetSocketAddress(host, port);
        }
        ByteBuf buf = channel.alloc().directBuffer(header.length + length);
        buf.writeBytes(header).writeBytes(data, offset, length);
        channel.write(new DatagramPacket(buf, destination), channel.voidPromise());
        pending = true;
    }

    /** A control datagram: written behind any pending DATA (order kept) and flushed at once. */
    void sendNow(Buffer datagram, String host) {
        if (channel == null) {
            socket.send(datagram, port, host);
            return;
        }
        InetSocketAddress to = host.equals(destinationHost) ? destination : new InetSocketAddress(host, port);
        ByteBuf buf = channel.alloc().directBuffer(datagram.length());
        buf.writeBytes(datagram.getBytes());
        channel.write(new DatagramPacket(buf, to), channel.voidPromise());
        pending = false;
        channel.flush();
    }

    void flush() {
        if (pending) {
            pending = false;
            channel.flush();
        }
    }
}
