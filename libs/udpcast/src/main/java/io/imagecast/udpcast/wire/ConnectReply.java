package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/**
 * CONNECT_REPLY (32 bytes): the client number (-1 = refused), block size, sender capabilities and the
 * data address. Bytes 20-31 are unused.
 */
public record ConnectReply(int clientNumber, int blockSize, int capabilities, int dataAddress) implements Message {
    public static final int SIZE = 32;
    public static final int REFUSED = -1;

    @Override
    public int opcode() {
        return Opcode.CONNECT_REPLY;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.CONNECT_REPLY)
                .appendShort((short) 0)
                .appendInt(clientNumber)
                .appendInt(blockSize)
                .appendInt(capabilities)
                .appendInt(dataAddress)
                .appendBytes(new byte[12]);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
