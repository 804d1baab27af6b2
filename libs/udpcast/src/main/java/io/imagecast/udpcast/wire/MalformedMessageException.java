package io.imagecast.udpcast.wire;

/** A datagram that is not a well-formed udpcast message; carries no stack trace (floods are cheap). */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
