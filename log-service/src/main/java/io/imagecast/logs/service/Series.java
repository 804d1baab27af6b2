package io.imagecast.logs.service;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A metric series: labels (Loki names, absent labels omitted) and samples by evaluation time. */
public record Series(Map<String, String> labels, SortedMap<Instant, Double> samples) {
    public Series {
        labels = Map.copyOf(labels);
        samples = new TreeMap<>(samples);
    }
}
