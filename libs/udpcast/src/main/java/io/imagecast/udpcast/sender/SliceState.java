package io.imagecast.udpcast.sender;

import java.util.BitSet;
import java.util.Collection;

/** One slice in flight: its data, how far it was sent, and who acknowledged it. */
final class SliceState {
    final int number;
    final int bytes;
    final int blocks;
    final byte[] data;
    final long fileOffset;
    final boolean endOfFile;
    int nextBlock;
    /** -1 until the first REQACK went out. */
    int rxmitId = -1;

    long reqAckSentNanos;
    long firstReqAckNanos;
    long deadlineNanos;
    boolean reqAckDue;
    final BitSet ready = new BitSet();
    final BitSet answered = new BitSet();
    /** Receivers that answered any round: they know this slice exists. */
    final BitSet heardFrom = new BitSet();

    final BitSet resend = new BitSet();
    /** Worst single receiver's missing-block count in the first round (for rate control). */
    int worstFirstRoundMissing;

    int roundsWithoutProgress;
    boolean done;

    SliceState(int number, int bytes, int blockSize, byte[] data, long fileOffset, boolean endOfFile) {
        this.number = number;
        this.bytes = bytes;
        this.blocks = (bytes + blockSize - 1) / blockSize;
        this.data = data;
        this.fileOffset = fileOffset;
        this.endOfFile = endOfFile;
    }

    boolean fullySent() {
        return nextBlock >= blocks;
    }

    boolean awaitingAnswers() {
        return rxmitId >= 0 && !done;
    }

    /** Every receiver still being served has said OK (or finished the file). */
    boolean allReady(Collection<Participant> receivers) {
        for (Participant p : receivers) {
            if (!ready.get(p.clientNumber) && !p.finished) {
                return false;
            }
        }
        return true;
    }

    /** Every receiver still being served answered the current round (OK or RETRANSMIT). */
    boolean everyoneAnswered(Collection<Participant> receivers) {
        for (Participant p : receivers) {
            if (!ready.get(p.clientNumber) && !answered.get(p.clientNumber) && !p.finished) {
                return false;
            }
        }
        return true;
    }

    /** Every receiver still being served answered some round of this slice: it knows the slice exists. */
    boolean everyoneKnows(Collection<Participant> receivers) {
        for (Participant p : receivers) {
            if (!p.finished && !heardFrom.get(p.clientNumber) && !ready.get(p.clientNumber)) {
                return false;
            }
        }
        return true;
    }
}
