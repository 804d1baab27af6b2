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

    /** Longest regex accepted; a thousand {@code .*} took PostgreSQL 41 s of CPU on one query. */
    public static final int MAX_LENGTH = 1_000;

    public static final int MAX_QUANTIFIERS = 32;
    /** Room for a REST filter ORing a few hundred label values. */
    public static final int MAX_ALTERNATIVES = 256;

    public static final int MAX_GROUP_DEPTH = 8;

    private Regexes() {}

    public static void validate(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new InvalidQueryException("regex " + quoted(regex) + " is " + regex.length()
                    + " characters long; at most " + MAX_LENGTH + " characters are allowed");
        }
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
        boundCost(regex);
    }

    /** Refuses regexes whose compiled size or matching time in PostgreSQL grows out of proportion. */
    private static void boundCost(String regex) {
        RegexComplexity cost = RegexComplexity.of(regex);
        if (cost.quantifiers > MAX_QUANTIFIERS) {
            throw tooExpensive(
                    regex,
                    "it has " + cost.quantifiers + " quantifiers, at most " + MAX_QUANTIFIERS
                            + " quantifiers are allowed");
        }
        if (cost.alternations + 1 > MAX_ALTERNATIVES) {
            throw tooExpensive(
                    regex,
                    "it has " + (cost.alternations + 1) + " alternatives, at most " + MAX_ALTERNATIVES
                            + " alternatives are allowed");
        }
        if (cost.maxDepth > MAX_GROUP_DEPTH) {
            throw tooExpensive(
                    regex,
                    "its groups are nested " + cost.maxDepth + " deep, groups may be nested at most " + MAX_GROUP_DEPTH
                            + " deep");
        }
        if (cost.nestedQuantifier) {
            throw tooExpensive(regex, "it has a nested quantifier (a repeated group that repeats inside, like (a+)+)");
        }
    }

    private static InvalidQueryException tooExpensive(String regex, String why) {
        return new InvalidQueryException("regex " + quoted(regex) + " is too expensive to run: " + why);
    }

    private static boolean exceeds(String count) {
        return count != null && !count.isEmpty() && (count.length() > 3 || Integer.parseInt(count) > MAX_REPETITION);
    }

    /** Long regexes are cut in messages: the client sent them and knows the rest. */
    private static String quoted(String regex) {
        return "\"" + (regex.length() > 60 ? regex.substring(0, 60) + "…" : regex) + "\"";
    }
}
