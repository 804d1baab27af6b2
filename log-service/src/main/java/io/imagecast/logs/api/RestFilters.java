package io.imagecast.logs.api;

import io.imagecast.logs.domain.InvalidQueryException;
import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.LabelMatcher;
import io.imagecast.logs.domain.LineFilter;
import io.imagecast.logs.domain.Selector;
import io.imagecast.service.problem.InstantRange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Turns the REST query parameters into a {@link Selector}; repeated or comma-separated values are ORed. */
public final class RestFilters {
    private RestFilters() {}

    public static Selector selector(
            List<String> services,
            List<String> nodes,
            List<String> sessions,
            List<String> levels,
            String contains,
            String regex) {
        List<LabelMatcher> matchers = new ArrayList<>();
        addAnyOf(matchers, Label.SERVICE, services, false);
        addAnyOf(matchers, Label.NODE, nodes, false);
        addAnyOf(matchers, Label.SESSION, sessions, false);
        addAnyOf(matchers, Label.LEVEL, levels, true);
        List<LineFilter> filters = new ArrayList<>();
        if (contains != null && !contains.isEmpty()) {
            filters.add(new LineFilter(LineFilter.FilterOp.CONTAINS, contains));
        }
        if (regex != null && !regex.isEmpty()) {
            try {
                filters.add(new LineFilter(LineFilter.FilterOp.MATCHES, regex));
            } catch (InvalidQueryException e) {
                throw new InvalidQueryException("regex: " + e.getMessage());
            }
        }
        return new Selector(matchers, filters);
    }

    private static void addAnyOf(List<LabelMatcher> matchers, Label label, List<String> raw, boolean lowerCase) {
        List<String> values = new ArrayList<>();
        if (raw != null) {
            for (String entry : raw) {
                Arrays.stream(entry.split(","))
                        .map(String::trim)
                        .filter(v -> !v.isEmpty())
                        .map(v -> lowerCase ? v.toLowerCase(Locale.ROOT) : v)
                        .forEach(values::add);
            }
        }
        if (values.size() == 1) {
            matchers.add(LabelMatcher.eq(label, values.get(0)));
        } else if (values.size() > 1) {
            String alternatives = String.join(
                    "|", values.stream().map(RestFilters::escapeRegex).toList());
            matchers.add(new LabelMatcher(label, LabelMatcher.MatchOp.RE, alternatives));
        }
    }

    static String escapeRegex(String literal) {
        return literal.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Instant instant = Instant.parse(value.trim());
            if (InstantRange.contains(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new InvalidQueryException(name + ": " + InstantRange.RULE);
    }
}
