package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.Capabilities;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.Message;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.Opcode;
import io.imagecast.udpcast.wire.ReqAck;
import io.imagecast.udpcast.wire.Retransmit;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * A receiver that follows the stock udp-receiver's rules closely enough to hold a sender to them: it
 * answers REQACKs (OK or RETRANSMIT with its map), fails on a slice number that skips one it has never
 * seen ("Slice no mismatch"/"Dropped by server"), and rebuilds the file from the blocks.
 */
final class FakeReceiver {
    /** An answer on its way to the sender. */
    record Answer(String host, byte[] bytes) {}

    final String host;
    private final int blockSize;
    private final IntPredicate losesFirstCopyOfBlock;
    private final TreeMap<Integer, byte[][]> slices = new TreeMap<>();
    private final TreeMap<Integer, Integer> sliceBytes = new TreeMap<>();
    private final List<byte[]> answers = new ArrayList<>();
    private int dataSeen;
    int clientNumber = -1;
    boolean silent;
    /** CONNECT_REPLYs it still loses on the way (Integer.MAX_VALUE: a ghost that never connects). */
    int repliesToLose;
    /** Answers a HELLO with a CONNECT_REQ while not connected, as a stock receiver does. */
    boolean answersHello;

    boolean endAcknowledged;
    String fatal;
    private int highestSliceSeen = -1;

    FakeReceiver(String host, int blockSize, IntPredicate losesFirstCopyOfBlock) {
        this.host = host;
        this.blockSize = blockSize;
        this.losesFirstCopyOfBlock = losesFirstCopyOfBlock;
    }

    byte[] connectRequest() {
        return new ConnectRequest(Capabilities.STANDARD, 212_992).encode().getBytes();
    }

    /** One datagram from the sender (unicast to this host or to the data group). */
    void deliver(byte[] bytes) {
        if (silent || fatal != null) {
            return;
        }
        Buffer d = Buffer.buffer(bytes);
        int op = MessageCodec.opcode(d);
        if (op == Opcode.DATA) {
            onData(d);
            return;
        }
        Message m = MessageCodec.decode(d);
        if (m instanceof ConnectReply reply) {
            if (repliesToLose > 0) {
                repliesToLose--;
                return;
            }
            clientNumber = reply.clientNumber();
        } else if (m instanceof Hello && answersHello && clientNumber < 0) {
            answers.add(connectRequest());
        } else if (m instanceof ReqAck reqAck && clientNumber >= 0) {
            onReqAck(reqAck);
        }
    }

    private void onData(Buffer d) {
        int slice = DataHeader.slice(d);
        int block = DataHeader.block(d);
        int bytes = DataHeader.sliceBytes(d);
        if (clientNumber < 0) {
            return;
        }
        if (losesFirstCopyOfBlock.test(dataSeen++) && !hasSlice(slice, block)) {
            return; // lost on the way
        }
        if (!known(slice)) {
            return;
        }
        byte[][] blocks = slices.computeIfAbsent(slice, s -> new byte[(bytes + blockSize - 1) / blockSize][]);
        sliceBytes.put(slice, bytes);
        if (block < blocks.length && blocks[block] == null) {
            blocks[block] = d.getBytes(DataHeader.SIZE, d.length());
        }
    }

    private boolean hasSlice(int slice, int block) {
        byte[][] blocks = slices.get(slice);
        return blocks != null && block < blocks.length && blocks[block] != null;
    }

    /** A stock receiver dies on a slice that skips one it has never seen. */
    private boolean known(int slice) {
        if (slice <= highestSliceSeen) {
            return true;
        }
        if (slice != highestSliceSeen + 1) {
            fatal = "Slice no mismatch " + slice + " <-> " + highestSliceSeen;
            return false;
        }
        highestSliceSeen = slice;
        return true;
    }

    private void onReqAck(ReqAck r) {
        if (Bitmap128.get(r.readySet(), clientNumber)) {
            return;
        }
        if (!known(r.slice())) {
            return;
        }
        if (r.sliceBytes() == 0) {
            endAcknowledged = true;
            answers.add(new Ok(r.slice()).encode().getBytes());
            return;
        }
        sliceBytes.put(r.slice(), r.sliceBytes());
        byte[][] blocks =
                slices.computeIfAbsent(r.slice(), s -> new byte[(r.sliceBytes() + blockSize - 1) / blockSize][]);
        byte[] map = new byte[Bitmap128.BYTES];
        boolean complete = true;
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b] != null) {
                Bitmap128.set(map, b);
            } else {
                complete = false;
            }
        }
        answers.add(
                complete
                        ? new Ok(r.slice()).encode().getBytes()
                        : new Retransmit(r.slice(), r.rxmitId(), map).encode().getBytes());
    }

    List<byte[]> takeAnswers() {
        List<byte[]> out = new ArrayList<>(answers);
        answers.clear();
        return out;
    }

    /** The byte count of the longest slice seen. */
    int longestSliceBytes() {
        return sliceBytes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The file as received: every slice's blocks in order. */
    byte[] file() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : slices.entrySet()) {
            for (byte[] block : e.getValue()) {
                if (block != null) {
                    out.writeBytes(block);
                }
            }
        }
        return out.toByteArray();
    }

    /** Starts over for the next file (one udp-receiver per file). */
    void nextFile() {
        slices.clear();
        sliceBytes.clear();
        clientNumber = -1;
        endAcknowledged = false;
        highestSliceSeen = -1;
    }
}
