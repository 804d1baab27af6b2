package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/** OK (8 bytes): the receiver holds every block of the slice. */
public record Ok(int slice) implements Message {
    public static final int SIZE = 8;

    @Override
    public int opcode() {
        return Opcode.OK;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.OK).appendShort((short) 0).appendInt(slice);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
