package io.imagecast.cli.demo;

/** The demo cannot go on; the message says why and, where possible, what to do. */
final class DemoException extends RuntimeException {
    DemoException(String message) {
        super(message);
    }

    DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
