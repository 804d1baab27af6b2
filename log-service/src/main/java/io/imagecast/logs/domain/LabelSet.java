package io.imagecast.logs.domain;

import java.util.EnumMap;
import java.util.Map;

/** The label values of a stream, as stored in {@code log_stream}. */
public record LabelSet(String service, String node, String sessionId, String level) {
    public Map<Label, String> asMap() {
        Map<Label, String> labels = new EnumMap<>(Label.class);
        labels.put(Label.SERVICE, service);
        labels.put(Label.NODE, node);
        labels.put(Label.SESSION, sessionId);
        labels.put(Label.LEVEL, level);
        return labels;
    }
}
