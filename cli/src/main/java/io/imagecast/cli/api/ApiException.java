package io.imagecast.cli.api;

/** A call that did not give what the command needs; the message is one line for a person, with an exit code. */
public final class ApiException extends RuntimeException {
    private final int exitCode;

    public ApiException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** From a failed reply: the problem+json title and detail, and the exit code its status stands for. */
    public static ApiException of(String request, ApiClient.Reply reply) {
        return new ApiException(ExitCodes.forStatus(reply.status()), request + " answered " + reply.problem());
    }

    public int exitCode() {
        return exitCode;
    }
}
