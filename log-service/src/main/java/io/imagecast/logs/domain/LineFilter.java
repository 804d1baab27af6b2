package io.imagecast.logs.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A filter on the log line text: {@code |=} contains, {@code !=}, {@code |~} regex (unanchored), {@code !~}. */
public record LineFilter(FilterOp op, String value) {
    public enum FilterOp {
        CONTAINS("|="),
        NOT_CONTAINS("!="),
        MATCHES("|~"),
        NOT_MATCHES("!~");

        private final String symbol;

        FilterOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public LineFilter {
        Objects.requireNonNull(op);
        Objects.requireNonNull(value);
        if (op == FilterOp.MATCHES || op == FilterOp.NOT_MATCHES) {
            Regexes.validate(value);
        }
    }

    public boolean matches(String line) {
        String text = line == null ? "" : line;
        return switch (op) {
            case CONTAINS -> text.contains(value);
            case NOT_CONTAINS -> !text.contains(value);
            case MATCHES -> Pattern.compile(value).matcher(text).find();
            case NOT_MATCHES -> !Pattern.compile(value).matcher(text).find();
        };
    }
}
