package io.imagecast.events.node;

/** Why a node event was published; each kind has its own CloudEvents type. */
public enum NodeChange {
    CONFIGURED("imagecast.node.configured.v1"),
    MASTER_CHANGED("imagecast.node.master-changed.v1"),
    ONLINE("imagecast.node.online.v1"),
    OFFLINE("imagecast.node.offline.v1"),
    MISCONFIGURED("imagecast.node.misconfigured.v1"),
    REMOVED("imagecast.node.removed.v1");

    private final String ceType;

    NodeChange(String ceType) {
        this.ceType = ceType;
    }

    public String ceType() {
        return ceType;
    }
}
