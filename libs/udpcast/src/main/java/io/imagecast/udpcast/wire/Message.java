package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/** One udpcast datagram. Every message knows its opcode and how to write itself onto a buffer. */
public sealed interface Message
        permits Hello, ConnectRequest, ConnectReply, Go, Disconnect, Ok, Retransmit, ReqAck, DataHeader {
    int opcode();

    /** Appends the wire form of this message to {@code out}. */
    void encodeTo(Buffer out);

    default Buffer encode() {
        Buffer out = Buffer.buffer(size());
        encodeTo(out);
        return out;
    }

    /** Size on the wire in bytes. */
    int size();
}
