package io.imagecast.sender.engine;

/** The engine could not begin a transfer (e.g. the port is taken); the message is the reason. */
public class TransferStartException extends Exception {
    public TransferStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
