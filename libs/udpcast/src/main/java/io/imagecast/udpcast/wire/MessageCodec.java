package io.imagecast.udpcast.wire;

import io.vertx.core.buffer.Buffer;

/**
 * Decodes datagrams into messages. Sizes are checked exactly (the stock programs always send these
 * sizes), so truncated or padded datagrams are rejected rather than half-read.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** The opcode of a datagram, or -1 when it is shorter than two bytes. */
    public static int opcode(Buffer datagram) {
        return datagram.length() < 2 ? -1 : datagram.getUnsignedShort(0);
    }

    /**
     * Decodes one datagram.
     *
     * @throws MalformedMessageException for unknown opcodes, wrong sizes or impossible field values
     */
    public static Message decode(Buffer d) {
        int op = opcode(d);
        return switch (op) {
            case Opcode.OK -> {
                expect(d, Ok.SIZE, "OK");
                yield new Ok(d.getInt(4));
            }
            case Opcode.RETRANSMIT -> {
                expect(d, Retransmit.SIZE, "RETRANSMIT");
                yield new Retransmit(d.getInt(4), d.getInt(8), d.getBytes(12, 140));
            }
            case Opcode.GO -> {
                expect(d, Go.SIZE, "GO");
                yield new Go();
            }
            case Opcode.CONNECT_REQ -> {
                expect(d, ConnectRequest.SIZE, "CONNECT_REQ");
                yield new ConnectRequest(d.getInt(4), d.getInt(8));
            }
            case Opcode.DISCONNECT -> {
                expect(d, Disconnect.SIZE, "DISCONNECT");
                yield new Disconnect();
            }
            case Opcode.REQACK -> {
                expect(d, ReqAck.SIZE, "REQACK");
                yield new ReqAck(d.getInt(4), d.getInt(8), d.getInt(12), d.getBytes(16, 144));
            }
            case Opcode.CONNECT_REPLY -> {
                expect(d, ConnectReply.SIZE, "CONNECT_REPLY");
                yield new ConnectReply(d.getInt(4), d.getInt(8), d.getInt(12), d.getInt(16));
            }
            case Opcode.DATA -> {
                if (d.length() < DataHeader.SIZE) {
                    throw new MalformedMessageException("DATA shorter than its header: " + d.length());
                }
                yield new DataHeader(d.getInt(4), d.getUnsignedShort(8), d.getInt(12));
            }
            case Opcode.HELLO, Opcode.HELLO_NEW, Opcode.HELLO_STREAMING -> {
                expect(d, Hello.SIZE, "HELLO");
                yield new Hello(op, d.getInt(4), d.getInt(8), d.getUnsignedShort(24));
            }
            case -1 -> throw new MalformedMessageException("datagram too short for an opcode");
            default -> throw new MalformedMessageException("unknown opcode " + Integer.toHexString(op));
        };
    }

    private static void expect(Buffer d, int size, String name) {
        if (d.length() != size) {
            throw new MalformedMessageException(name + " must be " + size + " bytes, got " + d.length());
        }
    }
}
