package io.imagecast.udpcast.wire;

/**
 * The 128-byte (1024-bit) bitmaps of RETRANSMIT and REQACK: bit i lives in byte i/8 under mask
 * 1 << (i % 8), least significant bit first.
 */
public final class Bitmap128 {
    public static final int BYTES = 128;
    public static final int BITS = BYTES * 8;

    private Bitmap128() {}

    public static boolean get(byte[] map, int bit) {
        return (map[bit >>> 3] & (1 << (bit & 7))) != 0;
    }

    public static void set(byte[] map, int bit) {
        map[bit >>> 3] |= (byte) (1 << (bit & 7));
    }

    public static void clear(byte[] map, int bit) {
        map[bit >>> 3] &= (byte) ~(1 << (bit & 7));
    }
}
