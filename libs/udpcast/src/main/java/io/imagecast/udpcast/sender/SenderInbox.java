package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.MalformedMessageException;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.Opcode;
import io.imagecast.udpcast.wire.Retransmit;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * The sender's inbound datagrams: only from port P (stock receivers send everything from there),
 * decoded by opcode and handed on; anything malformed or meant for a receiver is counted and dropped,
 * and nothing a datagram contains can throw out of the event loop.
 */
final class SenderInbox {
    /** The receivers' messages, decoded. */
    interface Handler {
        void ok(String from, Ok ok);

        void retransmit(String from, Retransmit retransmit);

        void connectRequest(String from, ConnectRequest request);

        void go(String from);

        void disconnect(String from);
    }

    private final int receiverPort;
    private final TransferCounters counters;
    private final Handler handler;
    private final Consumer<String> notices;

    SenderInbox(int receiverPort, TransferCounters counters, Handler handler, Consumer<String> notices) {
        this.receiverPort = receiverPort;
        this.counters = counters;
        this.handler = handler;
        this.notices = notices;
    }

    void datagram(String from, int fromPort, Buffer data) {
        try {
            handle(from, fromPort, data);
        } catch (MalformedMessageException e) {
            counters.malformedDropped++;
        } catch (RuntimeException e) {
            // a datagram must never take the engine down; count it and carry on
            counters.malformedDropped++;
            notices.accept("ignored a datagram that could not be handled: " + e);
        }
    }

    private void handle(String from, int fromPort, Buffer data) {
        if (fromPort != receiverPort) {
            counters.foreignDropped++;
            return;
        }
        switch (MessageCodec.opcode(data)) {
            case Opcode.OK -> handler.ok(from, (Ok) MessageCodec.decode(data));
            case Opcode.RETRANSMIT -> handler.retransmit(from, (Retransmit) MessageCodec.decode(data));
            case Opcode.CONNECT_REQ -> handler.connectRequest(from, (ConnectRequest) MessageCodec.decode(data));
            case Opcode.GO -> {
                MessageCodec.decode(data);
                handler.go(from);
            }
            case Opcode.DISCONNECT -> {
                MessageCodec.decode(data);
                handler.disconnect(from);
            }
            default -> {
                MessageCodec.decode(data); // throws for garbage; well-formed sender messages are foreign here
                counters.foreignDropped++;
            }
        }
    }
}
