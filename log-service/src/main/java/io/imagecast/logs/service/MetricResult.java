package io.imagecast.logs.service;

import java.util.List;

/** Result of a metric query; {@code scalar} when the query was a bare number. */
public record MetricResult(List<Series> series, boolean scalar) {}
