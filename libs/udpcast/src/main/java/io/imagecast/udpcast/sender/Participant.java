package io.imagecast.udpcast.sender;

/** A connected receiver, as the sender tracks it during one file. Identified by IP, as udpcast does. */
final class Participant {
    final String host;
    final int clientNumber;
    final long joinedAtNanos;
    long lastHeardNanos;
    /** Answered at least one REQACK of this file: it really holds the connection. */
    boolean confirmed;

    long ackedBytes;
    int unansweredRounds;
    /** Acknowledged the final slice, or said DISCONNECT after acknowledging all data. */
    boolean finished;
    /** The kernel receive buffer it announced in CONNECT_REQ (0 if it said nothing useful). */
    int receiveBuffer;

    Participant(String host, int clientNumber, long now) {
        this.host = host;
        this.clientNumber = clientNumber;
        this.joinedAtNanos = now;
        this.lastHeardNanos = now;
    }

    /** Every receiver still being served has answered a REQACK of this file. */
    static boolean allConfirmed(java.util.Collection<Participant> receivers) {
        for (Participant p : receivers) {
            if (!p.finished && !p.confirmed) {
                return false;
            }
        }
        return true;
    }
}
