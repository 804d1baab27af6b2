package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the sender's socket on the epoll transport. Vert.x's epoll transport ignores the address
 * family and opens dual-stack IPv6 sockets, on which the multicast interface and TTL that Netty sets
 * are the IPv6 ones: IPv4 multicast would leave on the kernel's default interface with TTL 1. So the
 * sender opens an IPv4 epoll channel itself, on the engine's Vert.x event loop, and sets
 * IP_MULTICAST_IF, IP_MULTICAST_TTL and IP_MULTICAST_LOOP on it.
 */
final class EpollSocket {
    private EpollSocket() {}

    /** True when the context's event loop is an epoll one (Vert.x runs on its native transport). */
    static boolean available(Context context) {
        return context instanceof ContextInternal internal
                && internal.nettyEventLoop() instanceof io.netty.channel.epoll.EpollEventLoop;
    }

    /** Binds 0.0.0.0:port with the multicast options set; completes with why it could not. */
    static CompletableFuture<EpollDatagramChannel> open(
            Context context, InterfaceInfo nif, int port, int ttl, String rendezvousGroup) {
        CompletableFuture<EpollDatagramChannel> opened = new CompletableFuture<>();
        EventLoop loop = ((ContextInternal) context).nettyEventLoop();
        EpollDatagramChannel channel = new EpollDatagramChannel(InternetProtocolFamily.IPv4);
        try {
            NetworkInterface iface = NetworkInterface.getByName(nif.name());
            if (iface == null) {
                throw new IllegalStateException("no interface named " + nif.name());
            }
            channel.config().setBroadcast(true);
            channel.config().setSendBufferSize(4 * 1024 * 1024);
            channel.config().setReceiveBufferSize(2 * 1024 * 1024);
            channel.config().setNetworkInterface(iface);
            channel.config().setTimeToLive(ttl);
            // receivers on this host get the data too, as with udp-sender
            channel.config().setLoopbackModeDisabled(false);
            loop.register(channel).addListener(r -> {
                if (!r.isSuccess()) {
                    opened.completeExceptionally(r.cause());
                    return;
                }
                // the wildcard address gets unicast and broadcast CONNECT_REQs on one socket
                channel.bind(new InetSocketAddress("0.0.0.0", port)).addListener(b -> {
                    if (!b.isSuccess()) {
                        channel.close();
                        opened.completeExceptionally(b.cause());
                    } else if (rendezvousGroup != null) {
                        channel.joinGroup(InetAddress.getByName(rendezvousGroup), iface, null)
                                .addListener(j -> {
                                    if (j.isSuccess()) {
                                        opened.complete(channel);
                                    } else {
                                        channel.close();
                                        opened.completeExceptionally(j.cause());
                                    }
                                });
                    } else {
                        opened.complete(channel);
                    }
                });
            });
        } catch (Exception e) {
            channel.close();
            opened.completeExceptionally(e);
        }
        return opened;
    }
}
