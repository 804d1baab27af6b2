package io.imagecast.udpcast.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.MalformedMessageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slices put together from DATA blocks in any order, and handed on complete and in order. */
class SliceAssemblerTest {
    private static final int BLOCK = 8;

    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Integer> deliveredSizes = new ArrayList<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final SliceAssembler assembler = new SliceAssembler(BLOCK, free::poll, (data, bytes) -> {
        delivered.write(data, 0, bytes);
        deliveredSizes.add(bytes);
    });

    /** Byte i of slice n is n * 100 + i (mod 256): every byte says where it belongs. */
    private static byte expected(int slice, int offset) {
        return (byte) (slice * 100 + offset);
    }

    /** Sends one DATA block through the two-step store, as the engine does; false when not wanted. */
    private boolean put(int slice, int block, int sliceBytes) {
        int len = Math.min(BLOCK, sliceBytes - block * BLOCK);
        RxSlice s = assembler.slotFor(slice, block, sliceBytes, DataHeader.SIZE + len);
        if (s == null) {
            return false;
        }
        int offset = assembler.offset(block);
        for (int i = 0; i < assembler.length(s, block); i++) {
            s.data[offset + i] = expected(slice, offset + i);
        }
        assembler.stored(s, block);
        return true;
    }

    private static byte[] sliceContent(int slice, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = expected(slice, i);
        }
        return b;
    }

    @Test
    void blocksInAnyOrderMakeWholeSlicesDeliveredInSliceOrder() {
        // slice 1 completes first, but waits for slice 0; slice 0's last block is short
        put(1, 1, 16);
        put(1, 0, 16);
        assertThat(deliveredSizes).isEmpty();
        put(0, 2, 19);
        put(0, 0, 19);
        assertThat(deliveredSizes).isEmpty();
        put(0, 1, 19);

        assertThat(deliveredSizes).containsExactly(19, 16);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(sliceContent(0, 19));
        want.writeBytes(sliceContent(1, 16));
        assertThat(delivered.toByteArray()).isEqualTo(want.toByteArray());
        assertThat(assembler.nextToDeliver()).isEqualTo(2);
        assertThat(assembler.bytesDelivered()).isEqualTo(35);
    }

    @Test
    void aBlockReceivedTwiceOrForADeliveredSliceIsNotWantedAgain() {
        assertThat(put(0, 0, 16)).isTrue();
        assertThat(put(0, 0, 16)).as("duplicate").isFalse();
        put(0, 1, 16);
        assertThat(assembler.delivered(0)).isTrue();
        assertThat(put(0, 1, 16)).as("retransmission for others").isFalse();
        assertThat(deliveredSizes).containsExactly(16);
    }

    @Test
    void theWindowIsTheNextSliceAndTwoMore() {
        assertThat(assembler.beyondWindow(2)).isFalse();
        assertThat(assembler.beyondWindow(3)).isTrue();
        put(0, 0, 8);
        assertThat(assembler.beyondWindow(3)).isFalse();
        assertThat(assembler.beyondWindow(4)).isTrue();
    }

    @Test
    void theMapOfAnIncompleteSliceShowsWhichBlocksArrived() {
        put(0, 0, 30);
        put(0, 2, 30);

        RxSlice s = assembler.slice(0, 30);

        assertThat(s.complete()).isFalse();
        assertThat(Bitmap128.get(s.have, 0)).isTrue();
        assertThat(Bitmap128.get(s.have, 1)).isFalse();
        assertThat(Bitmap128.get(s.have, 2)).isTrue();
        assertThat(Bitmap128.get(s.have, 3)).isFalse();
    }

    @Test
    void headersThatContradictThemselvesOrTheSliceAreMalformed() {
        put(0, 0, 16);
        assertThatThrownBy(() -> assembler.slotFor(0, 2, 16, DataHeader.SIZE + BLOCK))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("outside its slice");
        assertThatThrownBy(() -> assembler.slotFor(0, 1, 16, DataHeader.SIZE + 3))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("wrong length");
        assertThatThrownBy(() -> assembler.slotFor(0, 1, 24, DataHeader.SIZE + BLOCK))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("size changed");
        assertThatThrownBy(() -> assembler.slice(1, 0)).hasMessageContaining("impossible slice size");
        assertThatThrownBy(() -> assembler.slice(1, Bitmap128.BITS * BLOCK + 1))
                .hasMessageContaining("impossible slice size");
        assertThat(deliveredSizes).isEmpty();
    }

    @Test
    void recycledBuffersAreUsedWhenLargeEnough() {
        byte[] tooSmall = new byte[4];
        byte[] recycled = new byte[64];
        free.add(tooSmall);
        RxSlice first = assembler.slice(0, 16);
        free.add(recycled);
        RxSlice second = assembler.slice(1, 16);

        assertThat(first.data).isNotSameAs(tooSmall).hasSize(16);
        assertThat(second.data).isSameAs(recycled);
        assertThat(Arrays.asList(free.toArray())).isEmpty();
    }
}
