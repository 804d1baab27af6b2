package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * REQACK (144 bytes): asks receivers to acknowledge a slice. {@code sliceBytes == 0} marks the end of
 * the transfer. The ready set (clients that already said OK) must always be sent in full: the stock
 * receiver reads it from its payload area.
 */
public record ReqAck(int slice, int sliceBytes, int rxmitId, byte[] readySet) implements Message {
    public static final int SIZE = 144;

    public ReqAck {
        if (readySet.length != Bitmap128.BYTES) {
            throw new IllegalArgumentException("ready set must be 128 bytes");
        }
    }

    @Override
    public int opcode() {
        return Opcode.REQACK;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.REQACK)
                .appendShort((short) 0)
                .appendInt(slice)
                .appendInt(sliceBytes)
                .appendInt(rxmitId)
                .appendBytes(readySet);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReqAck r
                && r.slice == slice
                && r.sliceBytes == sliceBytes
                && r.rxmitId == rxmitId
                && Arrays.equals(r.readySet, readySet);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * slice + sliceBytes) + rxmitId) + Arrays.hashCode(readySet);
    }

    @Override
    public String toString() {
        return "ReqAck[slice=" + slice + ", bytes=" + sliceBytes + ", rxmitId=" + rxmitId + "]";
    }
}
