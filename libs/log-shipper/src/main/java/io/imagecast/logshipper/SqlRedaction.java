package io.imagecast.logshipper;

import java.util.regex.Pattern;

/**
 * Takes SQL out of shipped log text. Viewers read every service's logs through log-service, and
 * database errors quote the statement: Hibernate appends it in brackets ({@code could not execute
 * statement [ERROR: ...] [insert into ...]}), pgJDBC names it in batch failures ({@code Batch entry 0
 * insert ... was aborted}), PostgreSQL adds {@code Where:}/{@code Internal Query:} context and
 * {@code Detail:} row values, Flyway a {@code Statement :} section. The shipped line keeps the error
 * itself (SQLState, the server's one-line message) as a summary; the console keeps the full text.
 */
public final class SqlRedaction {
    static final String OMITTED = "<SQL omitted>";

    /** A statement's first word, followed (before the bracket closes) by a word every such statement has. */
    private static final String SQL =
            "(?:select|insert|update|delete|with|merge|call|alter|create|drop|truncate|lock)\\b"
                    + "(?=[^\\]]*\\b(?:from|into|set|table|as|index|values)\\b)";
    /** A bracketed statement: Hibernate's suffix; it runs to the end of the message. */
    private static final Pattern BRACKETED =
            Pattern.compile("\\[\\s*" + SQL + ".*\\]", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern BATCH_ENTRY = Pattern.compile("(Batch entry \\d+) .*? (was aborted)", Pattern.DOTALL);
    /** PostgreSQL's context lines, which quote statements or row values; up to a bracket closing them. */
    private static final Pattern SERVER_CONTEXT =
            Pattern.compile("\\n[ \\t]*(?:Where|Internal Query|Detail|Internal Position|Position):[^\\]\\n]*");
    /** Flyway's statement section; everything after it is the statement. */
    private static final Pattern FLYWAY_STATEMENT = Pattern.compile("(?m)^\\s*Statement\\s*:.*", Pattern.DOTALL);

    private SqlRedaction() {}

    /** The text without statements; returned as is when it holds nothing to take out. */
    public static String redact(String text) {
        if (text == null || !mayHoldSql(text)) {
            return text;
        }
        String out = BATCH_ENTRY.matcher(text).replaceAll("$1 " + OMITTED + " $2");
        out = BRACKETED.matcher(out).replaceAll("[" + OMITTED + "]");
        out = SERVER_CONTEXT.matcher(out).replaceAll("");
        out = FLYWAY_STATEMENT.matcher(out).replaceAll("Statement: " + OMITTED);
        return out.stripTrailing();
    }

    /** A cheap test that keeps the regular expressions off ordinary log lines. */
    private static boolean mayHoldSql(String text) {
        return text.indexOf('[') >= 0
                || text.indexOf('\n') >= 0
                || text.contains("Batch entry")
                || text.contains("Statement");
    }
}
