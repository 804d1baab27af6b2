package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.wire.Bitmap128;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The slices of the current file in flight (two in full duplex, one in half): which is sent how far,
 * who answered and who is ready, what is sent next, and the release of acknowledged slices in order.
 * It decides; {@link Sending} does the sending.
 */
final class SliceWindow {
    /** The engine's side of a step: the datagrams leave through it. */
    interface Sending {
        /** @return false when the kernel took nothing (its send buffer is full) */
        boolean block(SliceState s, int block, boolean retransmission);

        void reqAck(SliceState s, long now);
    }

    /** What an answer changed for its slice. */
    enum Settled {
        /** Everyone is ready: the slice is done. */
        COMPLETE,
        /** Everyone answered this round, some need more: the next REQACK is due. */
        NEXT_ROUND,
        WAITING,
        /** A duplicate, stale or forged answer: nothing changed. */
        IGNORED
    }

    private final int blockSize;
    private final int window;
    private final ReceiverRoster roster;
    private final ReqAckTimer timer;
    private final TransferCounters counters;
    private RateController rate;
    private SliceSizer sizer;
    private final ArrayDeque<SliceState> inFlight = new ArrayDeque<>();
    private SliceReader reader;
    private int fileIndex;
    private int nextSliceNumber;
    private boolean endSliceQueued;
    private boolean fileDataConsumed;
    private long bytesAckedByAll;
    private String readError;

    SliceWindow(int blockSize, int window, ReceiverRoster roster, ReqAckTimer timer, TransferCounters counters) {
        this.blockSize = blockSize;
        this.window = window;
        this.roster = roster;
        this.timer = timer;
        this.counters = counters;
    }

    /** Once the socket is bound: where file data comes from, and the rate controller told of each slice. */
    void attach(SliceReader reader, RateController rate, SliceSizer sizer) {
        this.reader = reader;
        this.rate = rate;
        this.sizer = sizer;
    }

    void newFile(int fileIndex) {
        this.fileIndex = fileIndex;
        bytesAckedByAll = 0;
        nextSliceNumber = 0;
        endSliceQueued = false;
        fileDataConsumed = false;
        inFlight.clear();
    }

    Collection<SliceState> inFlight() {
        return inFlight;
    }

    int nextSliceNumber() {
        return nextSliceNumber;
    }

    /** Bytes of the current file that every receiver acknowledged (released slices). */
    long bytesAckedByAll() {
        return bytesAckedByAll;
    }

    /** Why the file could not be read (the transfer fails), once; null while reading works. */
    String takeReadError() {
        String e = readError;
        readError = null;
        return e;
    }

    SliceState find(int number) {
        for (SliceState s : inFlight) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }

    /**
     * An OK from {@code p}, a participant, for slice {@code number}.
     *
     * @return what it changed, IGNORED for a duplicate or forged answer
     */
    Settled ok(Participant p, int number, long fileBytes, long now) {
        SliceState s = answered(number, true);
        if (s == null) {
            return Settled.IGNORED;
        }
        timer.heard(p, s, now);
        if (!s.ready.get(p.clientNumber)) {
            s.ready.set(p.clientNumber);
            s.answered.set(p.clientNumber);
            p.ackedBytes += s.bytes;
            // a stock receiver OKs the end marker even while an earlier slice is incomplete: only all
            // data acknowledged makes it finished
            if (s.endOfFile && s.bytes == 0 && p.ackedBytes >= fileBytes) {
                p.finished = true;
            }
        }
        return settle(s);
    }

    /** A RETRANSMIT from {@code p} with its map of blocks; IGNORED also for a stale earlier round. */
    Settled retransmit(Participant p, int number, int rxmitId, byte[] have, long now) {
        SliceState s = answered(number, false);
        if (s == null) {
            return Settled.IGNORED;
        }
        timer.heard(p, s, now);
        if (s.ready.get(p.clientNumber) || rxmitId != s.rxmitId) {
            return Settled.IGNORED;
        }
        s.answered.set(p.clientNumber);
        int missing = 0;
        for (int b = 0; b < s.blocks; b++) {
            if (!Bitmap128.get(have, b)) {
                s.resend.set(b);
                missing++;
            }
        }
        if (s.rxmitId == 0) {
            s.worstFirstRoundMissing = Math.max(s.worstFirstRoundMissing, missing);
        }
        return settle(s);
    }

    /**
     * The slice an answer is about, or null. Answers about data never sent are counted as forged, and
     * with {@code countUnasked} also answers about a slice in flight that no REQACK asked for now.
     */
    private SliceState answered(int number, boolean countUnasked) {
        SliceState s = find(number);
        if (s == null || !s.awaitingAnswers()) {
            if ((s != null && countUnasked) || number >= nextSliceNumber) {
                counters.foreignDropped++; // not asked for, or about data never sent: forged
            }
            return null;
        }
        return s;
    }

    /**
     * A DISCONNECT during the file. After acknowledging all data its final OK was lost; a stock receiver
     * says DISCONNECT 0.5 s later instead (spec 4.5), so it is finished and ready for every slice.
     *
     * @return false when it left before it had everything
     */
    boolean finishedByDisconnect(Participant p, long fileBytes) {
        if (p.ackedBytes < fileBytes || !endSliceQueued) {
            return false;
        }
        p.finished = true;
        for (SliceState s : inFlight) {
            s.ready.set(p.clientNumber);
        }
        return true;
    }

    /** After an answer to {@code s}: complete it, or start its next round once everyone answered. */
    private Settled settle(SliceState s) {
        Collection<Participant> receivers = roster.current();
        if (s.allReady(receivers)) {
            complete(s);
            return Settled.COMPLETE;
        }
        if (s.everyoneAnswered(receivers)) {
            s.reqAckDue = true;
            return Settled.NEXT_ROUND;
        }
        return Settled.WAITING;
    }

    /** After receivers left: the slices that waited only for them move on. */
    void settleAll() {
        for (SliceState s : inFlight) {
            if (s.awaitingAnswers()) {
                settle(s);
            }
        }
    }

    private void complete(SliceState s) {
        if (s.done) {
            return;
        }
        s.done = true;
        rate.sliceAcknowledged(s.number, nextSliceNumber, s.blocks, s.worstFirstRoundMissing);
        if (sizer.sliceAcknowledged(s.blocks, s.worstFirstRoundMissing)) {
            reader.sliceBytes(sizer.blocks() * blockSize);
        }
    }

    /** Releases done slices in order; true once the end-of-file marker is released. */
    boolean release() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            SliceState s = inFlight.pollFirst();
            bytesAckedByAll += s.bytes;
            reader.recycle(s.data);
            if (s.endOfFile && s.bytes == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends one thing: retransmissions first, then due REQACKs, then new data.
     *
     * @return false when nothing could be sent now
     */
    boolean sendOne(long now, Sending out) {
        for (SliceState s : inFlight) {
            if (!s.awaitingAnswers()) {
                continue;
            }
            int b = s.resend.nextSetBit(0);
            if (b >= 0) {
                if (!out.block(s, b, true)) {
                    return false;
                }
                s.resend.clear(b);
                return true;
            }
            if (s.reqAckDue) {
                out.reqAck(s, now);
                return true;
            }
        }
        SliceState head = inFlight.peekFirst();
        if (head != null && head.fullySent() && head.rxmitId < 0) {
            // like udp-sender, a slice is asked for only once the one before it is complete: a stock
            // receiver that gets the end marker's REQACK while a slice is incomplete stops answering
            out.reqAck(head, now);
            return true;
        }
        SliceState last = inFlight.peekLast();
        if (last != null && !last.fullySent()) {
            if (!out.block(last, last.nextBlock, false)) {
                return false; // the kernel's send buffer is full: this block goes first next time
            }
            last.nextBlock++;
            if (last.fullySent() && last == head) {
                out.reqAck(last, now);
            }
            return true;
        }
        return openNext();
    }

    private boolean openNext() {
        Collection<Participant> receivers = roster.current();
        if (endSliceQueued || inFlight.size() >= window) {
            return false;
        }
        SliceState previous = inFlight.peekLast();
        if (previous != null
                && !previous.done
                && !previous.everyoneKnows(receivers)
                && !Participant.allConfirmed(receivers)) {
            // A stock receiver that has never answered may not even know the transfer began: one that
            // sees slice n+1 before slice n then quits (or, on its very first packet, starts mid-file).
            // Until every receiver has answered once, slice n+1 waits for an answer to slice n from each.
            return false;
        }
        if (fileDataConsumed) {
            // the zero-byte slice tells receivers that the file is complete
            endSliceQueued = true;
            inFlight.addLast(new SliceState(nextSliceNumber++, 0, blockSize, null, 0, true));
            return true;
        }
        SliceReader.Chunk chunk = reader.peek();
        if (chunk == null) {
            return false;
        }
        reader.poll();
        if (chunk.error() != null) {
            readError = chunk.error();
            return false;
        }
        if (chunk.fileIndex() != fileIndex) {
            readError = "internal error: read ahead into file " + (chunk.fileIndex() + 1) + " during file "
                    + (fileIndex + 1);
            return false;
        }
        fileDataConsumed = chunk.last();
        if (chunk.length() == 0) {
            reader.recycle(chunk.data());
            return true;
        }
        inFlight.addLast(
                new SliceState(nextSliceNumber++, chunk.length(), blockSize, chunk.data(), chunk.offset(), false));
        return true;
    }
}
