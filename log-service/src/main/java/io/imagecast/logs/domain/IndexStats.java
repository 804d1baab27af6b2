package io.imagecast.logs.domain;

public record IndexStats(long streams, long entries, long bytes) {}
