package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.SocketTuning;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The sender's datagrams on the NIO transport. Going through Vert.x's {@code send} (or even Netty's channel)
 * costs a pooled buffer, a packet object, an outbound-buffer entry and a flush loop per datagram. Here
 * every datagram is written into one reused direct buffer and handed straight to the JDK channel under
 * the Vert.x socket, on the event loop that owns it: one system call and no allocation. A datagram the
 * kernel has no room for is reported as not sent (the engine sends it again later); everything the
 * engine sends takes this path, so datagrams leave in the order the engine wrote them. Falls back to
 * the Vert.x API when the JDK channel cannot be reached.
 */
final class JdkChannelOut implements DatagramOut {
    /** Larger than any udpcast datagram (a 1456-byte block plus its 16-byte header). */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramSocket socket;
    private final DatagramChannel channel;
    private final int port;
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private InetSocketAddress destination;
    private String destinationHost;
    private boolean blocked;
    private final SendErrors errors = new SendErrors();

    JdkChannelOut(DatagramSocket socket, int port) {
        this.socket = socket;
        this.channel = SocketTuning.jdkChannel(socket);
        this.port = port;
    }

    /** True when datagrams go straight to the JDK channel; false on the slower Vert.x fallback. */
    boolean direct() {
        return channel != null;
    }

    @Override
    public String description() {
        return channel != null
                ? "NIO transport, one system call per datagram on the JDK channel"
                : "NIO transport through the Vert.x API (the JDK channel is out of reach: slower)";
    }

    @Override
    public String failure() {
        return errors.failure();
    }

    @Override
    public void flush() {
        // every datagram already went to the kernel when it was sent
    }

    /** False once a datagram found the kernel's send buffer full (or failed): stop until the next tick. */
    @Override
    public boolean writable() {
        return !blocked;
    }

    /** A new sending round: try the kernel again. */
    @Override
    public void resume() {
        blocked = false;
    }

    /** The error of the last failed datagram when it differs from the one reported before, else null. */
    @Override
    public String takeNewError() {
        return errors.takeNew();
    }

    /** @return false when the datagram was not sent (kernel buffer full or send error) */
    @Override
    public boolean send(byte[] header, byte[] data, int offset, int length, String host) {
        if (channel == null) {
            socket.send(
                    Buffer.buffer(header.length + length).appendBytes(header).appendBytes(data, offset, length),
                    port,
                    host);
            return true;
        }
        out.clear();
        out.put(header).put(data, offset, length).flip();
        return sendOut(to(host));
    }

    /** A control datagram. One the kernel has no room for is queued by Vert.x instead (it is never lost). */
    @Override
    public void sendNow(Buffer datagram, String host) {
        if (channel != null) {
            out.clear();
            out.put(datagram.getBytes()).flip();
            if (sendOut(to(host))) {
                return;
            }
        }
        socket.send(datagram, port, host);
    }

    private boolean sendOut(InetSocketAddress to) {
        try {
            if (channel.send(out, to) > 0) {
                errors.succeeded();
                return true;
            }
        } catch (IOException e) {
            errors.failed(e.getMessage());
        }
        blocked = true;
        return false;
    }

    private InetSocketAddress to(String host) {
        if (!host.equals(destinationHost)) {
            destinationHost = host;
            destination = new InetSocketAddress(host, port);
        }
        return destination;
    }
}
