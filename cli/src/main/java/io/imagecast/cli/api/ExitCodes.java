package io.imagecast.cli.api;

/** The exit codes of the API commands; cli/README.md documents them for scripts. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The server refused or failed the request, or a watched session ended other than COMPLETED. */
    public static final int FAILURE = 1;
    /** Bad flags or arguments, or a request the server rejected as invalid (HTTP 400). */
    public static final int USAGE = 2;
    /** No HTTP answer at all: the service is down or the URL is wrong. */
    public static final int UNREACHABLE = 3;
    /** The session, node, group or log asked for does not exist (HTTP 404). */
    public static final int NOT_FOUND = 4;
    /** The token is missing, invalid or lacks the role (HTTP 401 or 403). */
    public static final int DENIED = 5;

    private ExitCodes() {}

    /** The exit code a failed HTTP reply stands for. */
    public static int forStatus(int status) {
        if (status == ApiClient.UNREACHABLE) {
            return UNREACHABLE;
        }
        return switch (status) {
            case 400 -> USAGE;
            case 401, 403 -> DENIED;
            case 404 -> NOT_FOUND;
            default -> FAILURE;
        };
    }
}
