package io.imagecast.udpcast.receiver;

import io.imagecast.udpcast.net.ControlAddress;
import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.wire.Bitmap128;
import io.imagecast.udpcast.wire.Capabilities;
import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.DataHeader;
import io.imagecast.udpcast.wire.Disconnect;
import io.imagecast.udpcast.wire.Go;
import io.imagecast.udpcast.wire.Hello;
import io.imagecast.udpcast.wire.MalformedMessageException;
import io.imagecast.udpcast.wire.MessageCodec;
import io.imagecast.udpcast.wire.Ok;
import io.imagecast.udpcast.wire.Opcode;
import io.imagecast.udpcast.wire.ReqAck;
import io.imagecast.udpcast.wire.Retransmit;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The receiver's state machine, on one Vert.x context: RENDEZVOUS (CONNECT_REQ, answer HELLOs), DATA
 * (assemble slices, answer REQACKs), LINGER (final OK sent; keep answering for exit-wait, then
 * DISCONNECT), ENDED.
 */
final class ReceiverEngine {
    enum Phase {
        RENDEZVOUS,
        DATA,
        LINGER,
        ENDED
    }

    private static final long MS = 1_000_000L;
    /** Completed slices waiting for the disk beyond this are not acknowledged yet (back-pressure). */
    private static final int WRITE_BACKLOG_LIMIT = 48;

    private final Vertx vertx;
    private final ReceiverConfig config;
    private final InterfaceInfo nif;
    private final int controlAddress;
    private final String controlHost;
    private final int senderPort;
    private final Consumer<ReceiverEvent> listener;
    private final CompletableFuture<ReceiveResult> result;
    private final OrderedWriter writer;
    private final long startedNanos = System.nanoTime();

    private DatagramSocket socket;
    private Phase phase = Phase.RENDEZVOUS;
    private long timerId = -1;
    private long nextConnectNanos;
    private String senderHost;
    private InetSocketAddress senderAddress;
    private int clientNumber;
    private int blockSize;
    private long firstDataNanos;
    private long lastFromSenderNanos;
    private long nextProgressNanos;
    private boolean goRequested;
    private int receiveBuffer;

    /** Created once the sender said the block size. */
    private SliceAssembler assembler;

    private int endSlice = -1;
    private boolean ended;
    private long malformedDropped;
    private long foreignDropped;
    private final byte[] okMap = new byte[Bitmap128.BYTES];

    ReceiverEngine(
            Vertx vertx,
            ReceiverConfig config,
            InterfaceInfo nif,
            WritableByteChannel output,
            Consumer<ReceiverEvent> listener,
            CompletableFuture<ReceiveResult> result) {
        this.vertx = vertx;
        this.config = config;
        this.nif = nif;
        Integer rdv = config.rendezvousAddress() == null ? null : Ipv4.parse(config.rendezvousAddress());
        this.controlAddress = ControlAddress.of(nif, config.ttl(), rdv);
        this.controlHost = Ipv4.format(controlAddress);
        this.senderPort = config.portBase() + 1;
        this.listener = listener;
        this.result = result;
        this.writer = new OrderedWriter(output, () -> vertx.runOnContext(v -> writerClosed()));
    }

    private boolean coalescedReads;

    void begin(DatagramSocket bound) {
        this.socket = bound;
        if (phase == Phase.ENDED) {
            // cancelled while the socket was being bound: the result is out, nothing may start
            bound.close();
            return;
        }
        socket.handler(this::onDatagram);
        DataFastPath.install(bound, this);
        notice("UDP receiver at " + nif.addressText() + " on " + nif.name() + ", control " + controlHost
                + (coalescedReads ? ", epoll transport with UDP GRO reads" : ", one datagram per read"));
        sendConnectRequest(controlHost);
        nextConnectNanos = System.nanoTime() + 1000 * MS;
        timerId = vertx.setPeriodic(50, id -> tick());
    }

    /** Whether the kernel hands over runs of datagrams per read (epoll with UDP_GRO), for the log. */
    void coalescedReads(boolean on) {
        this.coalescedReads = on;
    }

    /** The kernel's receive buffer, announced in CONNECT_REQ as udp-receiver does. */
    void receiveBufferGranted(int bytes) {
        if (bytes > 0) {
            receiveBuffer = bytes;
        }
    }

    void requestStart() {
        if (phase == Phase.DATA && firstDataNanos == 0) {
            send(new Go().encode(), senderHost);
        } else if (phase == Phase.RENDEZVOUS) {
            goRequested = true;
        }
    }

    void cancel(String reason) {
        if (phase != Phase.ENDED) {
            if (senderHost != null) {
                send(new Disconnect().encode(), senderHost);
            }
            fail("cancelled: " + reason);
        }
    }

    private void onDatagram(DatagramPacket packet) {
        try {
            handle(packet);
        } catch (MalformedMessageException e) {
            malformedDropped++;
        } catch (RuntimeException e) {
            malformedDropped++;
            notice("ignored a datagram that could not be handled: " + e);
        }
    }

    private void handle(DatagramPacket packet) {
        if (phase == Phase.ENDED) {
            return;
        }
        Buffer d = packet.data();
        String from = packet.sender().host();
        int port = packet.sender().port();
        if (port != senderPort || (senderHost != null && !senderHost.equals(from))) {
            foreignDropped++;
            return;
        }
        int op = MessageCodec.opcode(d);
        if (phase == Phase.RENDEZVOUS) {
            if (Opcode.isHello(op)) {
                Hello hello = (Hello) MessageCodec.decode(d);
                if (hello.isAsync()) {
                    notice("ignoring an async (no return channel) sender at " + from + ": not supported");
                    foreignDropped++;
                    return;
                }
                sendConnectRequest(from);
            } else if (op == Opcode.CONNECT_REPLY) {
                onConnectReply((ConnectReply) MessageCodec.decode(d), from);
            } else {
                MessageCodec.decode(d);
                foreignDropped++;
            }
            return;
        }
        lastFromSenderNanos = System.nanoTime();
        switch (op) {
            case Opcode.DATA -> onData(d);
            case Opcode.REQACK -> onReqAck((ReqAck) MessageCodec.decode(d));
            default -> {
                MessageCodec.decode(d); // hellos, repeated replies: well-formed but nothing to do
                foreignDropped++;
            }
        }
    }

    /**
     * DATA straight from Netty's buffer (see {@link DataFastPath}); false for anything it does not
     * handle, which then takes the Vert.x path.
     */
    boolean onFastData(ByteBuf d, InetSocketAddress from) {
        if (phase != Phase.DATA && phase != Phase.LINGER
                || senderAddress == null
                || !senderAddress.equals(from)
                || d.readableBytes() < DataHeader.SIZE
                || d.getUnsignedShort(d.readerIndex()) != Opcode.DATA) {
            return false;
        }
        lastFromSenderNanos = System.nanoTime();
        try {
            int at = d.readerIndex();
            acceptData(d.getInt(at + 4), d.getUnsignedShort(at + 8), d.getInt(at + 12), d.readableBytes(), d, null);
        } catch (MalformedMessageException e) {
            malformedDropped++;
        } catch (RuntimeException e) {
            malformedDropped++;
            notice("ignored a datagram that could not be handled: " + e);
        }
        return true;
    }

    private void onConnectReply(ConnectReply reply, String from) {
        if (reply.clientNumber() == ConnectReply.REFUSED) {
            fail("refused by sender " + from + " (too many clients, or not part of this transfer)");
            return;
        }
        if (reply.clientNumber() < 0 || reply.clientNumber() >= Bitmap128.BITS) {
            throw new MalformedMessageException("client number out of range");
        }
        if (reply.blockSize() < 4 || reply.blockSize() > 65000 - DataHeader.SIZE) {
            throw new MalformedMessageException("impossible block size " + reply.blockSize());
        }
        senderHost = from;
        senderAddress = new InetSocketAddress(from, senderPort);
        clientNumber = reply.clientNumber();
        blockSize = reply.blockSize();
        assembler = new SliceAssembler(blockSize, writer::takeFree, writer::write);
        phase = Phase.DATA;
        lastFromSenderNanos = System.nanoTime();
        int group = reply.dataAddress();
        String groupText = Ipv4.format(group);
        notice("Connected as #" + clientNumber + " to " + from);
        emit(new ReceiverEvent.Connected(from, clientNumber, groupText, blockSize));
        if (group != 0 && group != nif.address() && group != controlAddress && Ipv4.isMulticast(group)) {
            socket.listenMulticastGroup(groupText, nif.name(), null).onComplete(ar -> {
                if (ar.failed()) {
                    fail("cannot join data group " + groupText + ": "
                            + ar.cause().getMessage());
                } else {
                    notice("Listening to multicast on " + groupText);
                }
            });
        }
        if (config.sendGo() || goRequested) {
            send(new Go().encode(), senderHost);
        }
    }

    private void onData(Buffer d) {
        if (d.length() < DataHeader.SIZE) {
            throw new MalformedMessageException("short DATA");
        }
        acceptData(DataHeader.slice(d), DataHeader.block(d), DataHeader.sliceBytes(d), d.length(), null, d);
    }

    /** One DATA datagram, its payload in {@code nettyData} (from its reader index) or {@code vertxData}. */
    private void acceptData(int number, int block, int bytes, int length, ByteBuf nettyData, Buffer vertxData) {
        if (assembler.delivered(number)) {
            return; // a retransmission we no longer need
        }
        if (assembler.beyondWindow(number)) {
            fail("dropped by sender: data for slice " + number + " while slice " + assembler.nextToDeliver()
                    + " is incomplete");
            return;
        }
        RxSlice s = assembler.slotFor(number, block, bytes, length);
        if (firstDataNanos == 0) {
            firstDataNanos = System.nanoTime();
            nextProgressNanos = firstDataNanos + config.progressInterval().toNanos();
        }
        if (s != null) {
            int offset = assembler.offset(block);
            int len = assembler.length(s, block);
            if (nettyData != null) {
                nettyData.getBytes(nettyData.readerIndex() + DataHeader.SIZE, s.data, offset, len);
            } else {
                vertxData.getBytes(DataHeader.SIZE, DataHeader.SIZE + len, s.data, offset);
            }
            assembler.stored(s, block);
        }
    }

    private void onReqAck(ReqAck r) {
        if (Bitmap128.get(r.readySet(), clientNumber)) {
            return; // already acknowledged: stay silent
        }
        int number = r.slice();
        if (r.sliceBytes() == 0) {
            if (number == assembler.nextToDeliver() || number == endSlice) {
                send(new Ok(number).encode(), senderHost);
                if (endSlice < 0) {
                    endSlice = number;
                    phase = Phase.LINGER;
                    writer.end();
                }
            }
            return;
        }
        if (phase == Phase.LINGER) {
            if (number < endSlice) {
                send(new Ok(number).encode(), senderHost);
            }
            return;
        }
        if (assembler.delivered(number)) {
            if (writer.backlog() < WRITE_BACKLOG_LIMIT) {
                send(new Ok(number).encode(), senderHost);
            }
            return;
        }
        if (assembler.beyondWindow(number)) {
            fail("dropped by sender: asked for slice " + number + " while slice " + assembler.nextToDeliver()
                    + " is incomplete");
            return;
        }
        RxSlice s = assembler.slice(number, r.sliceBytes());
        if (s.complete()) {
            send(new Ok(number).encode(), senderHost);
        } else {
            send(new Retransmit(number, r.rxmitId(), s.have).encode(), senderHost);
        }
    }

    private void writerClosed() {
        if (phase == Phase.ENDED) {
            return;
        }
        if (writer.error() != null) {
            send(new Disconnect().encode(), senderHost);
            fail(writer.error());
            return;
        }
        ended = true;
        // exit-wait: a lost final OK is repeated on the sender's next REQACK
        vertx.setTimer(Math.max(1, config.exitWait().toMillis()), id -> {
            if (phase == Phase.ENDED) {
                return;
            }
            send(new Disconnect().encode(), senderHost);
            finish(true, null);
        });
    }

    private void tick() {
        if (phase == Phase.ENDED) {
            return;
        }
        long now = System.nanoTime();
        if (phase == Phase.RENDEZVOUS) {
            if (config.startTimeout() != null
                    && now - startedNanos > config.startTimeout().toNanos()) {
                fail("start timeout: no sender answered within "
                        + config.startTimeout().toSeconds() + " s");
                return;
            }
            if (now >= nextConnectNanos) {
                sendConnectRequest(controlHost); // harmless: registration is idempotent (spec 11.2)
                nextConnectNanos = now + 1000 * MS;
            }
            return;
        }
        if (phase == Phase.DATA
                && now - lastFromSenderNanos > config.receiveTimeout().toNanos()) {
            send(new Disconnect().encode(), senderHost);
            fail("receive timeout: nothing from the sender for "
                    + config.receiveTimeout().toSeconds() + " s");
            return;
        }
        if (writer.error() != null && phase == Phase.DATA) {
            send(new Disconnect().encode(), senderHost);
            fail(writer.error());
            return;
        }
        if (firstDataNanos != 0 && now >= nextProgressNanos) {
            nextProgressNanos = now + config.progressInterval().toNanos();
            double secs = (now - firstDataNanos) / 1e9;
            emit(new ReceiverEvent.Progress(bytesDelivered(), bytesDelivered() * 8 / secs));
        }
    }

    private void sendConnectRequest(String host) {
        send(
                new ConnectRequest(
                                Capabilities.STANDARD, receiveBuffer > 0 ? receiveBuffer : config.receiveBufferSize())
                        .encode(),
                host);
    }

    private void send(Buffer datagram, String host) {
        socket.send(datagram, senderPort, host);
    }

    private void notice(String message) {
        emit(new ReceiverEvent.Notice(message));
    }

    private void emit(ReceiverEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // a faulty listener must not break the transfer
        }
    }

    private long bytesDelivered() {
        return assembler == null ? 0 : assembler.bytesDelivered();
    }

    private void fail(String reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        writer.abort();
        finish(false, reason);
    }

    private void finish(boolean success, String reason) {
        phase = Phase.ENDED;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        long now = System.nanoTime();
        ReceiveResult r = new ReceiveResult(
                success && ended,
                success ? writer.written() : bytesDelivered(),
                (now - startedNanos) / MS,
                firstDataNanos == 0 ? 0 : (now - firstDataNanos) / MS,
                senderHost,
                reason,
                malformedDropped,
                foreignDropped);
        if (socket == null) {
            result.complete(r); // ended before the socket was bound; begin() closes it when it comes
            return;
        }
        socket.close().onComplete(x -> result.complete(r));
    }
}
