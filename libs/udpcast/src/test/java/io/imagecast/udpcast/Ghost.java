package io.imagecast.udpcast;

import io.imagecast.udpcast.wire.Capabilities;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Opcode;
import io.vertx.core.buffer.Buffer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A receiver whose first CONNECT_REPLY is "lost": it connects, ignores the reply, asks again once the
 * transfer has started (as a receiver that missed its reply does), reports whether the sender answered
 * again, and then falls silent for good.
 */
final class Ghost {
    private Ghost() {}

    static int run(String senderHost, int portBase, long askAgainAfterMs) throws Exception {
        InetAddress sender = InetAddress.getByName(senderHost);
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(portBase));
            int first = awaitReply(socket, sender, portBase, 20_000);
            if (first < 0) {
                System.out.println("GHOST never connected");
                return 1;
            }
            System.out.println("GHOST ignored its CONNECT_REPLY #" + first);
            Thread.sleep(askAgainAfterMs);
            int second = awaitReply(socket, sender, portBase, 3_000);
            System.out.println(second == first ? "GHOST second reply #" + second : "GHOST no second reply");
            return second == first ? 0 : 1;
        }
    }

    /** Sends CONNECT_REQ every 200 ms until a CONNECT_REPLY comes; -1 after the deadline. */
    private static int awaitReply(DatagramSocket socket, InetAddress sender, int portBase, long millis)
            throws Exception {
        byte[] request =
                new ConnectRequest(Capabilities.STANDARD, 1 << 20).encode().getBytes();
        long end = System.currentTimeMillis() + millis;
        long nextRequest = 0;
        byte[] buf = new byte[65536];
        socket.setSoTimeout(50);
        while (System.currentTimeMillis() < end) {
            if (System.currentTimeMillis() >= nextRequest) {
                socket.send(new DatagramPacket(request, request.length, sender, portBase + 1));
                nextRequest = System.currentTimeMillis() + 200;
            }
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Buffer d = Buffer.buffer(Arrays.copyOf(p.getData(), p.getLength()));
            if (p.getLength() >= 2 && MessageCodec.opcode(d) == Opcode.CONNECT_REPLY) {
                return ((ConnectReply) MessageCodec.decode(d)).clientNumber();
            }
        }
        return -1;
    }
}
