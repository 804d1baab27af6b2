package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/** DISCONNECT (4 bytes): a receiver leaves (after the end, or on abort). */
public record Disconnect() implements Message {
    public static final int SIZE = 4;

    @Override
    public int opcode() {
        return Opcode.DISCONNECT;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.DISCONNECT).appendShort((short) 0);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
