package io.imagecast.udpcast.receiver;

import io.imagecast.udpcast.wire.Bitmap128;

/** A slice being assembled: the data, and the map of blocks received (in RETRANSMIT's wire format). */
final class RxSlice {
    final int number;
    final int bytes;
    final int blocks;
    final byte[] data;
    final byte[] have = new byte[Bitmap128.BYTES];
    int received;

    RxSlice(int number, int bytes, int blockSize, byte[] data) {
        this.number = number;
        this.bytes = bytes;
        this.blocks = (bytes + blockSize - 1) / blockSize;
        this.data = data;
    }

    boolean complete() {
        return received >= blocks;
    }
}
