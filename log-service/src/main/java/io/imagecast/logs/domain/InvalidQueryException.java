package io.imagecast.logs.domain;

/** A query the client got wrong; answered with 400 (Loki-style text or problem+json). */
public class InvalidQueryException extends RuntimeException {
    public InvalidQueryException(String message) {
        super(message);
    }
}
