package io.imagecast.udpcast.wire;

/** The 32-bit capability word exchanged in HELLO, CONNECT_REQ and CONNECT_REPLY. */
public final class Capabilities {
    public static final int NEW_GEN = 0x0001;
    public static final int FEC = 0x0004;
    public static final int BIG_ENDIAN = 0x0008;
    public static final int ASYNC = 0x0020;
    /** What stock peers send in every non-async exchange. */
    public static final int STANDARD = NEW_GEN | BIG_ENDIAN;

    private Capabilities() {}
}
