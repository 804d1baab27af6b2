package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * RETRANSMIT (140 bytes): the blocks a receiver HAS (bit set) for a slice, answering the REQACK round
 * {@code rxmitId} (echoed unchanged).
 */
public record Retransmit(int slice, int rxmitId, byte[] received) implements Message {
    public static final int SIZE = 140;

    public Retransmit {
        if (received.length != Bitmap128.BYTES) {
            throw new IllegalArgumentException("map must be 128 bytes");
        }
    }

    @Override
    public int opcode() {
        return Opcode.RETRANSMIT;
    }

    @Override
    public void encodeTo(Buffer out) {
        out.appendUnsignedShort(Opcode.RETRANSMIT)
                .appendShort((short) 0)
                .appendInt(slice)
                .appendInt(rxmitId)
                .appendBytes(received);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Retransmit r
                && r.slice == slice
                && r.rxmitId == rxmitId
                && Arrays.equals(r.received, received);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * slice + rxmitId) + Arrays.hashCode(received);
    }

    @Override
    public String toString() {
        return "Retransmit[slice=" + slice + ", rxmitId=" + rxmitId + "]";
    }
}
