package io.imagecast.logs.domain;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regexes are checked with Java before they reach PostgreSQL so a bad pattern is a clear client
 * error. Back-references and look-around differ between engines and are refused outright.
 */
public final class Regexes {
    private static final Pattern UNSUPPORTED = Pattern.compile("\\(\\?[=!<]|\\\\[1-9]|\\\\[pPk]");

    private Regexes() {}

    public static void validate(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidQueryException("invalid regex " + quoted(regex) + ": " + e.getDescription());
        }
        if (UNSUPPORTED.matcher(regex).find()) {
            throw new InvalidQueryException("regex " + quoted(regex)
                    + " uses look-around, back-references or \\p classes, which are not supported");
        }
    }

    private static String quoted(String regex) {
        return "\"" + regex + "\"";
    }
}
