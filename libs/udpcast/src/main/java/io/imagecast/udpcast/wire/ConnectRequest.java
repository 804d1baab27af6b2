package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/** CONNECT_REQ (12 bytes): a receiver asks to join; carries its capabilities and receive buffer size. */
public record ConnectRequest(int capabilities, int receiveBufferSize) implements Message {
    public static final int SIZE = 12;

    @Override
    public int opcode() {
        return Opcode.CONNECT_REQ;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.CONNECT_REQ)
                .appendShort((short) 0)
                .appendInt(capabilities)
                .appendInt(receiveBufferSize);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
