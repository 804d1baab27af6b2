package io.imagecast.logs.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Selector} and time range into a WHERE clause over {@code log_line}. Label
 * regexes are anchored like Loki's; contains filters use LIKE so the pg_trgm index can serve them.
 */
public final class LineFilterSql {
    private LineFilterSql() {}

    public static SqlFragment where(Selector selector, Instant from, Instant to) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        clauses.add("ts >= ?");
        params.add(from);
        clauses.add("ts < ?");
        params.add(to);
        SqlFragment rest = selectorOnly(selector);
        if (!rest.sql().isEmpty()) {
            clauses.add(rest.sql());
            params.addAll(rest.params());
        }
        return new SqlFragment(String.join(" AND ", clauses), params);
    }

    /** Conditions of the selector alone (no time range); empty SQL when it selects everything. */
    public static SqlFragment selectorOnly(Selector selector) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (LabelMatcher matcher : selector.matchers()) {
            String column = matcher.label().column();
            switch (matcher.op()) {
                case EQ -> clauses.add(column + " = ?");
                case NEQ -> clauses.add(column + " <> ?");
                case RE -> clauses.add(column + " ~ ?");
                case NRE -> clauses.add(column + " !~ ?");
            }
            params.add(
                    switch (matcher.op()) {
                        case RE, NRE -> "^(?:" + matcher.value() + ")$";
                        default -> matcher.value();
                    });
        }
        for (LineFilter filter : selector.lineFilters()) {
            switch (filter.op()) {
                case CONTAINS -> {
                    clauses.add("message LIKE ? ESCAPE '\\'");
                    params.add(likePattern(filter.value()));
                }
                case NOT_CONTAINS -> {
                    clauses.add("message NOT LIKE ? ESCAPE '\\'");
                    params.add(likePattern(filter.value()));
                }
                case MATCHES -> {
                    clauses.add("message ~ ?");
                    params.add(filter.value());
                }
                case NOT_MATCHES -> {
                    clauses.add("message !~ ?");
                    params.add(filter.value());
                }
            }
        }
        return new SqlFragment(String.join(" AND ", clauses), params);
    }

    static String likePattern(String text) {
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
