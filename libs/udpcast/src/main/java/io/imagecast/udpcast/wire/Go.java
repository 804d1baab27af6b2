package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/** GO (4 bytes): a receiver asks the sender to start now. */
public record Go() implements Message {
    public static final int SIZE = 4;

    @Override
    public int opcode() {
        return Opcode.GO;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.GO).appendShort((short) 0);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
