package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.ControlAddress;
import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.Capabilities;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.Opcode;
import io.imagecast.udpcast.wire.ReqAck;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The sender's addresses (control, data group, broadcast) and the control messages it sends to them:
 * HELLO, CONNECT_REPLY, REQACK and the notice that makes a dropped receiver quit. Every message leaves
 * through {@code out}, the same paced path as DATA, so their order is kept.
 */
final class ControlReplies {
    private final SenderConfig config;
    private final InterfaceInfo nif;
    private final int controlAddress;
    private final String controlHost;
    private final int dataAddress;
    private final int blockSize;
    private final BiConsumer<Buffer, String> out;

    ControlReplies(SenderConfig config, InterfaceInfo nif, BiConsumer<Buffer, String> out) {
        this.config = config;
        this.nif = nif;
        Integer rdv = config.rendezvousAddress() == null ? null : Ipv4.parse(config.rendezvousAddress());
        this.controlAddress = ControlAddress.of(nif, config.ttl(), rdv);
        this.controlHost = Ipv4.format(controlAddress);
        this.dataAddress = config.dataAddress() != null
                ? Ipv4.parse(config.dataAddress())
                : Ipv4.defaultDataAddress(nif.address());
        this.blockSize = config.blockSize();
        this.out = out;
    }

    String controlHost() {
        return controlHost;
    }

    String groupHost() {
        return Ipv4.format(dataAddress);
    }

    boolean controlIsBroadcast() {
        return controlAddress == nif.broadcast();
    }

    /** Where DATA goes for a file: the broadcast address, the single receiver, or the data group. */
    String dataHost(Set<String> receivers) {
        boolean pointToPoint = config.pointToPoint() == PointToPoint.ALWAYS
                || (config.pointToPoint() == PointToPoint.AUTO && receivers.size() == 1 && !config.broadcast());
        if (config.broadcast()) {
            return controlHost;
        }
        if (pointToPoint) {
            return receivers.iterator().next();
        }
        return groupHost();
    }

    void hello() {
        int announced = config.pointToPoint() == PointToPoint.ALWAYS ? 0 : dataAddress;
        out.accept(new Hello(Opcode.HELLO, Capabilities.STANDARD, announced, blockSize).encode(), controlHost);
        if (nif.hasBroadcast() && controlAddress != nif.broadcast()) {
            // Stock receivers also listen on the broadcast address. FOS clients point their rendezvous at
            // the sender's unicast IP, so a client that started before the sender hears only this copy.
            out.accept(
                    new Hello(Opcode.HELLO, Capabilities.STANDARD, announced, blockSize).encode(),
                    Ipv4.format(nif.broadcast()));
        }
    }

    void connectReply(String host, int clientNumber) {
        int announced = config.pointToPoint() == PointToPoint.ALWAYS ? Ipv4.parse(host) : dataAddress;
        out.accept(new ConnectReply(clientNumber, blockSize, Capabilities.STANDARD, announced).encode(), host);
    }

    /** Asks for the slice's acknowledgements; receivers already in its ready set stay silent. */
    void reqAck(SliceState s, String dataHost) {
        byte[] readySet = new byte[Bitmap128.BYTES];
        for (int c = s.ready.nextSetBit(0); c >= 0 && c < Bitmap128.BITS; c = s.ready.nextSetBit(c + 1)) {
            Bitmap128.set(readySet, c);
        }
        out.accept(new ReqAck(s.number, s.bytes, s.rxmitId, readySet).encode(), dataHost);
    }

    /** The cancel notice: to the data destination (it ends every receiver there) and to each receiver. */
    void dropNotices(String group, List<String> hosts, boolean duringTransfer, int nextSliceNumber) {
        dropNotice(group, duringTransfer, nextSliceNumber);
        hosts.forEach(h -> dropNotice(h, duringTransfer, nextSliceNumber));
    }

    /**
     * Tells a stock receiver that it was dropped, so that it exits at once instead of waiting or quietly
     * finishing on its own. During a transfer: a DATA packet far beyond the current slice, which makes a
     * stock receiver quit with "Dropped by server" before it stores anything (and our receiver fail with
     * "dropped by sender"). Before data: a REQACK, which a stock receiver still in rendezvous treats as
     * fatal ("Bad server reply").
     */
    void dropNotice(String host, boolean duringTransfer, int nextSliceNumber) {
        if (duringTransfer) {
            byte[] datagram = new byte[DataHeader.SIZE + blockSize];
            DataHeader.write(datagram, nextSliceNumber + 1000, 0, blockSize);
            out.accept(Buffer.buffer(datagram), host);
        } else {
            out.accept(new ReqAck(nextSliceNumber + 1000, blockSize, 0, new byte[Bitmap128.BYTES]).encode(), host);
        }
    }
}
