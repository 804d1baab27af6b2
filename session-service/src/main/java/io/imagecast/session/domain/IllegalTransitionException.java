package io.imagecast.session.domain;

/** A requested state change the state machine does not allow; it is never applied. */
public class IllegalTransitionException extends RuntimeException {
    private final Enum<?> from;
    private final Enum<?> to;

    public IllegalTransitionException(String subject, Enum<?> from, Enum<?> to) {
        super(subject + " cannot go from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public Enum<?> from() {
        return from;
    }

    public Enum<?> to() {
        return to;
    }
}
