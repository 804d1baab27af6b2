package io.imagecast.sender.domain;

/** How far a session got on this node, as remembered across restarts. */
public enum SessionPhase {
    /** Accepted and waiting for receivers; no image data has gone out yet, so it can be restarted. */
    ACCEPTED,
    /** Image data has been sent; after a restart the receivers cannot resume, so it has failed. */
    SENDING,
    /** Its final event (completed, failed, cancelled) was published. */
    FINISHED
}
