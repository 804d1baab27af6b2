package io.imagecast.udpcast.wire;

/** Message types: the first 16 bits of every udpcast datagram (big-endian). */
public final class Opcode {
    public static final int OK = 0x0000;
    public static final int RETRANSMIT = 0x0001;
    public static final int GO = 0x0002;
    public static final int CONNECT_REQ = 0x0003;
    public static final int DISCONNECT = 0x0004;
    public static final int REQACK = 0x0006;
    public static final int CONNECT_REPLY = 0x0007;
    public static final int DATA = 0x0008;
    public static final int FEC = 0x0009;
    public static final int HELLO_NEW = 0x000A;
    public static final int HELLO_STREAMING = 0x000B;
    /** The stock sender's hello: a byte-swapped leftover of an old little-endian encoding. */
    public static final int HELLO = 0x0500;

    private Opcode() {}

    public static boolean isHello(int opcode) {
        return opcode == HELLO || opcode == HELLO_NEW || opcode == HELLO_STREAMING;
    }
}
