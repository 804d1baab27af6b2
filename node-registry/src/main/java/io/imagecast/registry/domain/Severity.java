package io.imagecast.registry.domain;

public enum Severity {
    /** Multicast from this node will fail or reach nobody until fixed; the node is misconfigured. */
    ERROR,
    /** Works, but probably not as intended. */
    WARNING
}
