package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.wire.DataHeader;
import io.vertx.core.buffer.Buffer;

/**
 * Puts datagrams on the wire: the {@link SliceWindow}'s choices (DATA blocks of a slice to the file's data
 * destination, and REQACKs, each one a new round for the {@link ReqAckTimer}) and the control messages
 * {@link ControlReplies} builds. Everything is charged to the pacing bucket and counted.
 */
final class SliceSender implements SliceWindow.Sending {
    private final DatagramOut dataPath;
    private final RateController rate;
    private final TransferCounters counters;
    private final ReqAckTimer timer;
    private final ControlReplies control;
    private final int blockSize;
    private final byte[] header = new byte[DataHeader.SIZE];
    private String dataHost;

    SliceSender(
            DatagramOut dataPath,
            RateController rate,
            TransferCounters counters,
            ReqAckTimer timer,
            ControlReplies control,
            int blockSize) {
        this.dataPath = dataPath;
        this.rate = rate;
        this.counters = counters;
        this.timer = timer;
        this.control = control;
        this.blockSize = blockSize;
    }

    /** Where this file's DATA and REQACKs go. */
    void dataHost(String host) {
        this.dataHost = host;
    }

    String dataHost() {
        return dataHost;
    }

    /** A control message (HELLO, CONNECT_REPLY, a drop notice) on the same paced path as DATA. */
    void control(Buffer datagram, String host) {
        rate.charge(datagram.length());
        counters.datagramsSent++;
        dataPath.sendNow(datagram, host);
    }

    @Override
    public boolean block(SliceState s, int block, boolean retransmission) {
        int offset = block * blockSize;
        int len = Math.min(blockSize, s.bytes - offset);
        DataHeader.write(header, s.number, block, s.bytes);
        if (!dataPath.send(header, s.data, offset, len, dataHost)) {
            return false;
        }
        rate.charge(DataHeader.SIZE + len);
        counters.datagramsSent++;
        counters.dataBlocksSent++;
        if (retransmission) {
            counters.retransmittedBlocks++;
        }
        return true;
    }

    @Override
    public void reqAck(SliceState s, long now) {
        timer.newRound(s, now);
        control.reqAck(s, dataHost);
        counters.reqAcksSent++;
    }
}
