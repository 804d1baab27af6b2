package io.imagecast.events.node;

public enum NodeStatus {
    /** Registered but never heard from (a NAS, or a sender not started yet). */
    UNKNOWN,
    ONLINE,
    OFFLINE,
    /** Heartbeats arrive but the configuration does not match the node (see problems). */
    MISCONFIGURED
}
