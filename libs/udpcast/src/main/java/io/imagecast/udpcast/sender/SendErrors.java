package io.imagecast.udpcast.sender;

/**
 * The send errors of a {@link DatagramOut}: the latest failure (cleared by the next success) and which
 * error is new enough to report, so that a failing network is logged once, not per datagram.
 */
final class SendErrors {
    private String lastError;
    private String reportedError;
    private String failure;

    void failed(String message) {
        lastError = message;
        failure = message;
    }

    void succeeded() {
        failure = null;
    }

    /** The error of the most recent send, or null when it succeeded. */
    String failure() {
        return failure;
    }

    /** The last error when it differs from the one reported before, else null. */
    String takeNew() {
        String e = lastError;
        lastError = null;
        if (e == null || e.equals(reportedError)) {
            return null;
        }
        reportedError = e;
        return e;
    }
}
