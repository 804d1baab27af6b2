package io.imagecast.udpcast.receiver;

import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.MalformedMessageException;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Puts DATA blocks into their slices and hands completed slices on in order. At most three slices are
 * alive (the next to deliver, +1, +2: the sender never runs further ahead of a receiver that has not
 * acknowledged), kept by number modulo 4. A DATA datagram is stored in two steps without allocating:
 * {@link #slotFor} validates it and says where it goes, the caller copies the payload to
 * {@link #offset}, then {@link #stored} records it.
 */
final class SliceAssembler {
    private final int blockSize;
    private final Supplier<byte[]> freeBuffers;
    private final ObjIntConsumer<byte[]> deliver;
    private final RxSlice[] slices = new RxSlice[4];
    private int nextToDeliver;
    private long bytesDelivered;

    /**
     * @param freeBuffers recycled slice buffers (null when none is free)
     * @param deliver takes each completed slice's data and byte count, in slice order
     */
    SliceAssembler(int blockSize, Supplier<byte[]> freeBuffers, ObjIntConsumer<byte[]> deliver) {
        this.blockSize = blockSize;
        this.freeBuffers = freeBuffers;
        this.deliver = deliver;
    }

    int nextToDeliver() {
        return nextToDeliver;
    }

    long bytesDelivered() {
        return bytesDelivered;
    }

    /** Slice {@code number} is too far ahead: the sender went on without this receiver. */
    boolean beyondWindow(int number) {
        return number > nextToDeliver + 2;
    }

    /** Slice {@code number} was delivered already: a retransmission for others. */
    boolean delivered(int number) {
        return number < nextToDeliver;
    }

    /**
     * Where DATA block {@code block} of slice {@code number} goes, or null when it is no longer needed
     * (slice delivered, block already there). Call only for slices within the window.
     *
     * @param datagramLength the whole datagram, header included
     * @throws MalformedMessageException when the header contradicts itself or the slice
     */
    RxSlice slotFor(int number, int block, int bytes, int datagramLength) {
        if (delivered(number)) {
            return null;
        }
        RxSlice s = slice(number, bytes);
        if (block >= s.blocks) {
            throw new MalformedMessageException("DATA block outside its slice");
        }
        if (datagramLength != DataHeader.SIZE + length(s, block)) {
            throw new MalformedMessageException("DATA payload of wrong length");
        }
        return Bitmap128.get(s.have, block) ? null : s;
    }

    int offset(int block) {
        return block * blockSize;
    }

    /** Payload bytes of {@code block}: a whole block, or what is left of the slice for the last one. */
    int length(RxSlice s, int block) {
        return Math.min(blockSize, s.bytes - offset(block));
    }

    /** The payload of {@code block} is in {@code s.data}: mark it, and deliver what is now complete. */
    void stored(RxSlice s, int block) {
        Bitmap128.set(s.have, block);
        s.received++;
        if (s.complete()) {
            deliverCompleted();
        }
    }

    /**
     * The slice with this number (created on first sight, in a recycled buffer when there is one).
     *
     * @throws MalformedMessageException for an impossible size, or one that differs from the first seen
     */
    RxSlice slice(int number, int bytes) {
        if (bytes <= 0 || bytes > Bitmap128.BITS * blockSize) {
            throw new MalformedMessageException("impossible slice size " + bytes);
        }
        RxSlice s = slices[number & 3];
        if (s != null && s.number == number) {
            if (s.bytes != bytes) {
                throw new MalformedMessageException("slice size changed");
            }
            return s;
        }
        byte[] buf = freeBuffers.get();
        if (buf == null || buf.length < bytes) {
            buf = new byte[bytes];
        }
        s = new RxSlice(number, bytes, blockSize, buf);
        slices[number & 3] = s;
        return s;
    }

    private void deliverCompleted() {
        while (true) {
            RxSlice s = slices[nextToDeliver & 3];
            if (s == null || s.number != nextToDeliver || !s.complete()) {
                return;
            }
            slices[nextToDeliver & 3] = null;
            deliver.accept(s.data, s.bytes);
            bytesDelivered += s.bytes;
            nextToDeliver++;
        }
    }
}
