package io.imagecast.udpcast.sender;

import io.vertx.core.buffer.Buffer;

/**
 * Where the sender's datagrams go. Every datagram the engine sends takes the same path, so they leave
 * in the order the engine wrote them. On Linux's epoll transport DATA datagrams are batched into UDP
 * GSO sends ({@link EpollBatchOut}); on the NIO transport each datagram is one call on the JDK channel
 * ({@link JdkChannelOut}).
 */
interface DatagramOut {
    /** What the transport is, for the sender's log. */
    String description();

    /** A new sending round: try the kernel again. */
    void resume();

    /** False once the kernel had no room (or a send failed): stop until the next round. */
    boolean writable();

    /**
     * A DATA datagram: header then {@code length} bytes of {@code data} from {@code offset}.
     *
     * @return false when it was not taken (nothing was counted; send it again later)
     */
    boolean send(byte[] header, byte[] data, int offset, int length, String host);

    /** A control datagram; never lost (queued when the kernel has no room). */
    void sendNow(Buffer datagram, String host);

    /** Hands everything batched so far to the kernel; called at the end of each sending round. */
    void flush();

    /** The error of the last failed datagram when it differs from the one reported before, else null. */
    String takeNewError();

    /** The error of the most recent datagram handed to the kernel, or null when it was sent. */
    String failure();
}
