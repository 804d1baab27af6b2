package io.imagecast.udpcast.receiver;

import io.imagecast.udpcast.net.SocketTuning;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;

/**
 * Takes DATA datagrams off the Netty pipeline before Vert.x sees them. Vert.x copies every datagram
 * into a new heap buffer and formats the sender's address as a string per packet; here the payload is
 * copied once, straight from Netty's buffer into the slice. Everything else goes on to the Vert.x
 * handler unchanged.
 */
final class DataFastPath extends ChannelInboundHandlerAdapter {
    private final ReceiverEngine engine;
    private final Thread engineThread;

    private DataFastPath(ReceiverEngine engine, Thread engineThread) {
        this.engine = engine;
        this.engineThread = engineThread;
    }

    /** Installs the fast path; false when the Netty channel cannot be reached (Vert.x path only). */
    static boolean install(DatagramSocket socket, ReceiverEngine engine) {
        DatagramChannel channel = SocketTuning.nettyChannel(socket);
        if (channel == null) {
            return false;
        }
        channel.pipeline().addFirst("imagecast-data", new DataFastPath(engine, Thread.currentThread()));
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // the engine is single-threaded: only its own thread may take the shortcut
        if (msg instanceof DatagramPacket packet
                && Thread.currentThread() == engineThread
                && engine.onFastData(packet.content(), packet.sender())) {
            packet.release();
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
