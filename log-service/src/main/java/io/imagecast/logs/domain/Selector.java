package io.imagecast.logs.domain;

import java.util.List;
import java.util.Map;

/** Which lines: label matchers (all must hold) and line filters (all must hold). */
public record Selector(List<LabelMatcher> matchers, List<LineFilter> lineFilters) {
    public Selector {
        matchers = List.copyOf(matchers);
        lineFilters = List.copyOf(lineFilters);
    }

    public static Selector all() {
        return new Selector(List.of(), List.of());
    }

    public Selector and(Selector other) {
        List<LabelMatcher> m = new java.util.ArrayList<>(matchers);
        m.addAll(other.matchers);
        List<LineFilter> f = new java.util.ArrayList<>(lineFilters);
        f.addAll(other.lineFilters);
        return new Selector(m, f);
    }

    /** In-memory evaluation, used by live tail on freshly stored lines. */
    public boolean matches(Map<Label, String> labels, String line) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels.get(matcher.label()))) {
                return false;
            }
        }
        for (LineFilter filter : lineFilters) {
            if (!filter.matches(line)) {
                return false;
            }
        }
        return true;
    }
}
