package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/**
 * The 16-byte header of a DATA datagram; the payload follows it. The hot paths do not build this
 * record: they use {@link #write} and the static readers on the datagram buffer directly.
 */
public record DataHeader(int slice, int block, int sliceBytes) implements Message {
    public static final int SIZE = 16;

    public static int slice(Buffer datagram) {
        return datagram.getInt(4);
    }

    public static int block(Buffer datagram) {
        return datagram.getUnsignedShort(8);
    }

    public static int sliceBytes(Buffer datagram) {
        return datagram.getInt(12);
    }

    /** Writes a DATA header at offset 0 of {@code target} (which must hold at least 16 bytes). */
    public static void write(byte[] target, int slice, int block, int sliceBytes) {
        target[0] = 0;
        target[1] = (byte) Opcode.DATA;
        target[2] = 0;
        target[3] = 0;
        putInt(target, 4, slice);
        target[8] = (byte) (block >>> 8);
        target[9] = (byte) block;
        target[10] = 0;
        target[11] = 0;
        putInt(target, 12, sliceBytes);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Override
    public int opcode() {
        return Opcode.DATA;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.DATA)
                .appendShort((short) 0)
                .appendInt(slice)
                .appendUnsignedShort(block)
                .appendShort((short) 0)
                .appendInt(sliceBytes);
    }

    @Override
    public int size() {
        return SIZE;
    }
}
