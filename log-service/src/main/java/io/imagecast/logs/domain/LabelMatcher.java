package io.imagecast.logs.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stream selector term, e.g. {@code level=~"warn|error"}. Regex matchers are fully anchored,
 * as in Loki and Prometheus; an absent label equals the empty string.
 */
public record LabelMatcher(Label label, MatchOp op, String value) {
    public enum MatchOp {
        EQ("="),
        NEQ("!="),
        RE("=~"),
        NRE("!~");

        private final String symbol;

        MatchOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public LabelMatcher {
        Objects.requireNonNull(label);
        Objects.requireNonNull(op);
        Objects.requireNonNull(value);
        if (op == MatchOp.RE || op == MatchOp.NRE) {
            Regexes.validate(value);
        }
    }

    public static LabelMatcher eq(Label label, String value) {
        return new LabelMatcher(label, MatchOp.EQ, value);
    }

    public boolean matches(String actual) {
        String candidate = actual == null ? "" : actual;
        return switch (op) {
            case EQ -> candidate.equals(value);
            case NEQ -> !candidate.equals(value);
            case RE -> Pattern.compile(value).matcher(candidate).matches();
            case NRE -> !Pattern.compile(value).matcher(candidate).matches();
        };
    }
}
