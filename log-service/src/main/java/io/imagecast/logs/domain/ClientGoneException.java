package io.imagecast.logs.domain;

/** The client closed its connection while its query ran; the query was cancelled and nobody waits for an answer. */
public class ClientGoneException extends RuntimeException {
    public ClientGoneException() {
        super("the client closed its connection; its query was cancelled", null, false, false);
    }
}
