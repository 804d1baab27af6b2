package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/**
 * HELLO (28 bytes): announces the sender, its data address and block size. Bytes 12-23 and 26-27 are
 * unused; the stock sender leaves garbage there, so they are neither kept nor checked.
 */
public record Hello(int opcode, int capabilities, int dataAddress, int blockSize) implements Message {
    public static final int SIZE = 28;

    public static Hello of(int dataAddress, int blockSize) {
        return new Hello(Opcode.HELLO, Capabilities.STANDARD, dataAddress, blockSize);
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(opcode)
                .appendShort((short) 0)
                .appendInt(capabilities)
                .appendInt(dataAddress)
                .appendBytes(new byte[12])
                .appendUnsignedShort(blockSize)
                .appendShort((short) 0);
    }

    @Override
    public int size() {
        return SIZE;
    }

    public boolean isAsync() {
        return (capabilities & Capabilities.ASYNC) != 0;
    }
}
