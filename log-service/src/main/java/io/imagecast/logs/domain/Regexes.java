package io.imagecast.logs.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regexes are checked with Java before they reach PostgreSQL so a bad pattern is a clear client
 * error. Back-references and look-around differ between engines and are refused outright.
 */
public final class Regexes {
    private static final Pattern UNSUPPORTED = Pattern.compile("\\(\\?[=!<]|\\\\[1-9]|\\\\[pPk]");

    private static final Pattern REPETITION = Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");
    /** PostgreSQL's regex engine refuses larger counts (DUPMAX). */
    private static final int MAX_REPETITION = 255;

    private Regexes() {}

    public static void validate(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidQueryException("invalid regex " + quoted(regex) + ": " + e.getDescription());
        }
        Matcher repetition = REPETITION.matcher(regex);
        while (repetition.find()) {
            if (exceeds(repetition.group(1)) || exceeds(repetition.group(2))) {
                throw new InvalidQueryException("regex " + quoted(regex) + " repeats more than " + MAX_REPETITION
                        + " times in one {n,m}, which PostgreSQL cannot compile");
            }
        }
        if (UNSUPPORTED.matcher(regex).find()) {
            throw new InvalidQueryException("regex " + quoted(regex)
                    + " uses look-around, back-references or \\p classes, which are not supported");
        }
    }

    private static boolean exceeds(String count) {
        return count != null && !count.isEmpty() && (count.length() > 3 || Integer.parseInt(count) > MAX_REPETITION);
    }

    private static String quoted(String regex) {
        return "\"" + regex + "\"";
    }
}
