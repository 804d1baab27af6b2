package io.imagecast.service.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Recognises, anywhere in a cause chain, a database that cannot serve the request right now: not
 * reachable, shutting down, out of connections, or a pool with no free connection in time. These
 * are answered 503 with Retry-After (the client should simply retry), never 500.
 */
public final class DatabaseUnavailable {
    /** How long a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException exception) {
        String state = exception.getSQLState();
        if (state != null
                && (state.startsWith("08") // connection exception
                        || state.equals("53300") // too many connections
                        || state.equals("57P01") // admin shutdown
                        || state.equals("57P02") // crash shutdown
                        || state.equals("57P03"))) { // cannot connect now (starting up)
            return true;
        }
        // Agroal's pool: no connection became free within the acquisition timeout.
        String message = String.valueOf(exception.getMessage()).toLowerCase(Locale.ROOT);
        return exception.getCause() instanceof TimeoutException || message.contains("acquisition timeout");
    }
}
