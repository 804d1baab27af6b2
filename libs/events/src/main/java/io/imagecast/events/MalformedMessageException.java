package io.imagecast.events;

/** A record on a topic that cannot be understood; consumers log and skip it rather than stall. */
public class MalformedMessageException extends Exception {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
