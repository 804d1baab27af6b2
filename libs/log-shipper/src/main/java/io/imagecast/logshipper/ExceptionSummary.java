package io.imagecast.logshipper;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A short, bounded rendering of a throwable: type, message (without SQL, see {@link SqlRedaction}),
 * top frames and the cause chain.
 */
public final class ExceptionSummary {
    static final int FRAMES_PER_THROWABLE = 8;
    static final int MAX_CHARS = 4_000;

    private ExceptionSummary() {}

    public static String of(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = thrown;
        boolean first = true;
        while (current != null && !seen.containsKey(current) && text.length() < MAX_CHARS) {
            seen.put(current, Boolean.TRUE);
            if (!first) {
                text.append("\nCaused by: ");
            }
            // Throwable.toString() is "type: message"; the message may quote SQL.
            text.append(SqlRedaction.redact(current.toString()));
            StackTraceElement[] frames = current.getStackTrace();
            int shown = Math.min(frames.length, FRAMES_PER_THROWABLE);
            for (int i = 0; i < shown; i++) {
                text.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > shown) {
                text.append("\n\t... ").append(frames.length - shown).append(" more");
            }
            current = current.getCause();
            first = false;
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text.toString();
    }
}
