package io.imagecast.registry.service;

import java.util.List;

/** The settings of a storage group an admin controls (already validated at the API boundary). */
public record GroupSettings(
        String imageRoot,
        int portWindowStart,
        int portWindowEnd,
        List<String> multicastPool,
        int maxSessions,
        boolean autoApplyInterface) {}
