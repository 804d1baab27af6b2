package io.imagecast.logs.domain;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Measures what makes a regex expensive for PostgreSQL's engine: its length, how many quantifiers
 * and alternatives it has, how deeply its groups nest, and whether a repeated group repeats
 * inside (its state count grows with their product). Escapes and bracket expressions are skipped,
 * so {@code [*+]} or {@code \*} count as plain characters.
 */
final class RegexComplexity {
    int quantifiers;
    int alternations;
    int maxDepth;
    boolean nestedQuantifier;

    private RegexComplexity() {}

    static RegexComplexity of(String regex) {
        RegexComplexity result = new RegexComplexity();
        // one entry per open group: whether something inside it is quantified
        Deque<Boolean> groups = new ArrayDeque<>();
        boolean lastWasGroup = false;
        boolean lastGroupRepeats = false;
        boolean lastWasQuantifier = false;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                lastWasGroup = false;
                lastWasQuantifier = false;
                continue;
            }
            if (c == '[') {
                i = endOfBracket(regex, i);
                lastWasGroup = false;
                lastWasQuantifier = false;
                continue;
            }
            int quantifierEnd = quantifierEnd(regex, i);
            if (quantifierEnd > i) {
                boolean lazyMark = c == '?' && lastWasQuantifier;
                if (!lazyMark) {
                    result.quantifiers++;
                    boolean repeats = c != '?' && !boundedToOne(regex, i, quantifierEnd);
                    if (lastWasGroup && lastGroupRepeats && repeats) {
                        result.nestedQuantifier = true;
                    }
                    if (!groups.isEmpty()) {
                        groups.pop();
                        groups.push(true);
                    }
                }
                i = quantifierEnd;
                lastWasGroup = false;
                lastWasQuantifier = !lazyMark;
                continue;
            }
            lastWasQuantifier = false;
            if (c == '(') {
                groups.push(false);
                result.maxDepth = Math.max(result.maxDepth, groups.size());
                // (?: and similar: the ? belongs to the group syntax, not a quantifier
                i += i + 1 < n && regex.charAt(i + 1) == '?' ? 3 : 1;
                lastWasGroup = false;
                continue;
            }
            if (c == ')' && !groups.isEmpty()) {
                boolean inner = groups.pop();
                if (inner && !groups.isEmpty()) {
                    groups.pop();
                    groups.push(true);
                }
                lastWasGroup = true;
                lastGroupRepeats = inner;
                i++;
                continue;
            }
            if (c == '|') {
                result.alternations++;
            }
            lastWasGroup = false;
            i++;
        }
        return result;
    }

    /** End (exclusive) of the quantifier starting at {@code i}, or {@code i} when there is none. */
    private static int quantifierEnd(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            return i + 1;
        }
        if (c != '{') {
            return i;
        }
        int j = i + 1;
        while (j < regex.length() && (Character.isDigit(regex.charAt(j)) || regex.charAt(j) == ',')) {
            j++;
        }
        return j < regex.length() && regex.charAt(j) == '}' && j > i + 1 ? j + 1 : i;
    }

    /** {@code {0,1}}, {@code {1}} and the like repeat nothing. */
    private static boolean boundedToOne(String regex, int start, int end) {
        if (regex.charAt(start) != '{') {
            return false;
        }
        String[] bounds = regex.substring(start + 1, end - 1).split(",", -1);
        String upper = bounds.length == 1 ? bounds[0] : bounds[1];
        return !upper.isEmpty() && upper.length() < 4 && Integer.parseInt(upper) <= 1;
    }

    /** Index after the bracket expression starting at {@code start} ({@code []a]} and {@code [^]a]} included). */
    private static int endOfBracket(String regex, int start) {
        int j = start + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
            if (regex.charAt(j) == '\\') {
                j++;
            } else if (regex.charAt(j) == '[' && j + 1 < regex.length() && ":=.".indexOf(regex.charAt(j + 1)) >= 0) {
                // [:alpha:], [=a=], [.a.] inside a bracket expression
                int close = regex.indexOf(regex.charAt(j + 1) + "]", j + 2);
                j = close < 0 ? regex.length() : close + 1;
            }
            j++;
        }
        return j + 1;
    }
}
