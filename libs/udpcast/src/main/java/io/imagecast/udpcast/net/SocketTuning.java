package io.imagecast.udpcast.net;

import io.vertx.core.datagram.DatagramSocket;
import java.lang.reflect.Field;

/**
 * Socket settings that Vert.x's datagram API cannot make safely.
 *
 * <p>{@code DatagramSocketOptions.setReceiveBufferSize(n)} also installs a {@code
 * FixedRecvByteBufAllocator(n)}: every single datagram read then allocates (and zeroes) an n-byte
 * buffer. With the multi-megabyte kernel buffer a multicast receiver needs, that costs far more than the
 * datagram itself (measured: a few hundred microseconds per 1.5 KB datagram at 4 MB). So the option is
 * left unset and SO_RCVBUF is set on the Netty channel directly, leaving the small default read buffer.
 */
public final class SocketTuning {
    private SocketTuning() {}

    /**
     * Sets IP_MULTICAST_LOOP with the JDK option's real meaning ({@code true}: local sockets that joined
     * the group get our multicast too, udp-sender's default). Vert.x's {@code setLoopbackModeDisabled}
     * is inverted on the NIO transport (measured: {@code false} disables the loop), so it is not used.
     *
     * @return false when the channel could not be reached
     */
    public static boolean multicastLoop(DatagramSocket socket, boolean enabled) {
        try {
            io.netty.channel.socket.DatagramChannel channel = channel(socket);
            if (channel instanceof io.netty.channel.epoll.EpollDatagramChannel epoll) {
                // the native socket maps "disabled" onto IP_MULTICAST_LOOP the right way round
                epoll.config().setLoopbackModeDisabled(!enabled);
                return true;
            }
            return channel.config()
                    .setOption(
                            io.netty.channel.socket.nio.NioChannelOption.of(
                                    java.net.StandardSocketOptions.IP_MULTICAST_LOOP),
                            enabled);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * On the epoll transport, turns on UDP_GRO with 64 KiB read buffers: the kernel then hands over runs
     * of same-sized datagrams from one sender (a GSO send arrives whole) in one read, and Netty splits
     * them back into datagrams. A read buffer smaller than 64 KiB could truncate a coalesced run.
     *
     * @return true when GRO is on
     */
    public static boolean coalescedReads(DatagramSocket socket) {
        if (!(nettyChannel(socket) instanceof io.netty.channel.epoll.EpollDatagramChannel epoll)) {
            return false;
        }
        try {
            epoll.config().setRecvByteBufAllocator(new io.netty.channel.FixedRecvByteBufAllocator(65_536));
            epoll.config().setUdpGro(true);
            return epoll.config().isUdpGro();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The Netty channel under a Vert.x datagram socket, or null when it cannot be reached. */
    public static io.netty.channel.socket.DatagramChannel nettyChannel(DatagramSocket socket) {
        try {
            return channel(socket);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The JDK channel under a Vert.x datagram socket (NIO transport only), or null when it cannot be
     * reached.
     */
    public static java.nio.channels.DatagramChannel jdkChannel(DatagramSocket socket) {
        try {
            if (!(channel(socket) instanceof io.netty.channel.nio.AbstractNioChannel netty)) {
                return null;
            }
            java.lang.reflect.Method javaChannel =
                    io.netty.channel.nio.AbstractNioChannel.class.getDeclaredMethod("javaChannel");
            javaChannel.setAccessible(true);
            return javaChannel.invoke(netty) instanceof java.nio.channels.DatagramChannel c ? c : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static io.netty.channel.socket.DatagramChannel channel(DatagramSocket socket)
            throws ReflectiveOperationException {
        Field f = socket.getClass().getDeclaredField("channel");
        f.setAccessible(true);
        return (io.netty.channel.socket.DatagramChannel) f.get(socket);
    }

    /**
     * Sets the kernel receive buffer (SO_RCVBUF) of a bound socket.
     *
     * @return the size the kernel granted, or -1 when the channel could not be reached (the socket then
     *     keeps the system default)
     */
    public static int kernelReceiveBuffer(DatagramSocket socket, int bytes) {
        try {
            io.netty.channel.socket.DatagramChannel channel = channel(socket);
            channel.config().setReceiveBufferSize(bytes);
            return channel.config().getReceiveBufferSize();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
