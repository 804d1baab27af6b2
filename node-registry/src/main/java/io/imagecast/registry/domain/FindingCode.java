package io.imagecast.registry.domain;

/** Stable identifiers of diagnosis findings; clients may match on them. */
public enum FindingCode {
    NEVER_HEARD_FROM(false),
    NODE_OFFLINE(false),
    NODE_DISABLED(false),
    NODE_WITHOUT_GROUP(true),
    NODE_WITHOUT_ADDRESS(true),
    GROUP_WITHOUT_MASTER(false),
    INTERFACE_NOT_CONFIGURED(true),
    INTERFACE_NOT_FOUND(true),
    INTERFACE_DOWN(true),
    INTERFACE_NO_IPV4(true),
    INTERFACE_NOT_MULTICAST(true),
    INTERFACE_IS_LOOPBACK(true),
    ADDRESS_NOT_ON_INTERFACE(true),
    IMAGE_ROOT_NOT_REPORTED(true),
    IMAGE_ROOT_UNREADABLE(true),
    IMAGE_ROOT_MISMATCH(true);

    private final boolean aboutNodeConfiguration;

    FindingCode(boolean aboutNodeConfiguration) {
        this.aboutNodeConfiguration = aboutNodeConfiguration;
    }

    /**
     * Whether an error of this kind makes the node MISCONFIGURED. Liveness has its own statuses and
     * a group without master is the group's problem, not the node's.
     */
    public boolean aboutNodeConfiguration() {
        return aboutNodeConfiguration;
    }
}
