package io.imagecast.events;

/** Kafka topic names; every topic is versioned so a breaking schema change gets a new topic. */
public final class Topics {
    /** Commands for one storage node (start, cancel, drop host), keyed by node id. */
    public static final String SESSION_COMMANDS = "imagecast.session-commands.v1";
    /** What a sender did with a session, keyed by session id. */
    public static final String TRANSFER_EVENTS = "imagecast.transfer-events.v1";
    /** Periodic liveness and observed interfaces of each sender, keyed by node id. */
    public static final String NODE_HEARTBEATS = "imagecast.node-heartbeats.v1";
    /** Registry changes to nodes and groups, keyed by node id (group events by group name). */
    public static final String NODE_EVENTS = "imagecast.node-events.v1";
    /** Structured log records of every service, keyed by session id when there is one. */
    public static final String LOGS = "imagecast.logs.v1";

    private Topics() {}
}
