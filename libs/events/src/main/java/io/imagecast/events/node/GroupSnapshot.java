package io.imagecast.events.node;

import java.util.List;

/**
 * A storage group as the registry holds it. Session base ports are even numbers in
 * [{@code portWindowStart}, {@code portWindowEnd}]; data addresses come from {@code multicastPool}
 * (CIDR blocks).
 */
public record GroupSnapshot(
        String name,
        String imageRoot,
        int portWindowStart,
        int portWindowEnd,
        List<String> multicastPool,
        int maxSessions,
        boolean autoApplyInterface) {}
