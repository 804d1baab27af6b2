package io.imagecast.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Map;

/** Kubernetes label selector semantics (matchLabels and the four matchExpressions operators). */
final class Selectors {
    private Selectors() {}

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> safe = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(safe.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = safe.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> safe.containsKey(r.getKey());
                    case "DoesNotExist" -> !safe.containsKey(r.getKey());
                    default -> throw new IllegalArgumentException("operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A Service's selector: plain equality. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
    }
}
