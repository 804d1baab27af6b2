package io.imagecast.udpcast.net;

/** The rendezvous ("control") address rule that both sides apply identically (spec 1.1). */
public final class ControlAddress {
    public static final int ALL_HOSTS = Ipv4.parse("224.0.0.1");

    private ControlAddress() {}

    /**
     * Broadcast of the interface when ttl is 1 and no rendezvous group is given; otherwise the
     * rendezvous group, or 224.0.0.1. A sender falls back to 224.0.0.1 without a broadcast address.
     */
    public static int of(InterfaceInfo nif, int ttl, Integer rendezvousAddress) {
        if (rendezvousAddress != null) {
            return rendezvousAddress;
        }
        if (ttl == 1 && nif.hasBroadcast()) {
            return nif.broadcast();
        }
        return ALL_HOSTS;
    }
}
