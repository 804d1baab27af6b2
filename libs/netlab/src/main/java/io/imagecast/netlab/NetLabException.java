package io.imagecast.netlab;

/** A lab could not be built or changed; the message carries the failing command and its output. */
public class NetLabException extends RuntimeException {
    public NetLabException(String message) {
        super(message);
    }
}
