package io.imagecast.udpcast;

import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.ReqAck;
import io.imagecast.udpcast.wire.Retransmit;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

/**
 * Sends hostile datagrams at a udpcast port: random bytes, truncated and padded messages, valid messages
 * with random fields, and bit-flipped copies, from several source ports including the udpcast ones.
 */
final class Flood {
    private Flood() {}

    static int run(String host, int port, long millis) throws Exception {
        Random rnd = new Random(42);
        InetAddress target = InetAddress.getByName(host);
        int base = port % 2 == 0 ? port : port - 1;
        List<DatagramSocket> sockets = new java.util.ArrayList<>();
        for (int p : new int[] {base, base + 1, 0}) {
            try {
                DatagramSocket s = new DatagramSocket(null);
                s.bind(new InetSocketAddress(p));
                sockets.add(s);
            } catch (Exception e) {
                // that source port is taken in this namespace; the others will do
            }
        }
        long end = System.currentTimeMillis() + millis;
        long sent = 0;
        while (System.currentTimeMillis() < end) {
            for (int i = 0; i < 50; i++) {
                byte[] payload = hostilePayload(rnd);
                DatagramSocket s = sockets.get(rnd.nextInt(sockets.size()));
                s.send(new DatagramPacket(payload, payload.length, target, port));
                sent++;
            }
            Thread.sleep(2); // about 20 000 datagrams/s: a flood, but it leaves the 2 cores to the transfer
        }
        System.out.println("FLOOD sent=" + sent);
        return 0;
    }

    private static byte[] hostilePayload(Random rnd) {
        byte[] map = new byte[Bitmap128.BYTES];
        rnd.nextBytes(map);
        byte[] valid = switch (rnd.nextInt(7)) {
            case 0 -> new Ok(rnd.nextInt()).encode().getBytes();
            case 1 -> new Retransmit(rnd.nextInt(), rnd.nextInt(), map).encode().getBytes();
            case 2 ->
                new ReqAck(rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), map)
                        .encode()
                        .getBytes();
            case 3 -> new ConnectRequest(rnd.nextInt(), rnd.nextInt()).encode().getBytes();
            case 4 ->
                new ConnectReply(rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt())
                        .encode()
                        .getBytes();
            case 5 ->
                new Hello(0x0500, rnd.nextInt(), rnd.nextInt(), rnd.nextInt(65536))
                        .encode()
                        .getBytes();
            default -> {
                byte[] b = new byte[rnd.nextInt(1600)];
                rnd.nextBytes(b);
                yield b;
            }
        };
        return switch (rnd.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(valid, rnd.nextInt(valid.length + 1)); // truncated
            case 1 -> java.util.Arrays.copyOf(valid, valid.length + 1 + rnd.nextInt(64)); // padded
            case 2 -> {
                byte[] b = valid.clone();
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                yield b;
            }
            default -> valid;
        };
    }
}
