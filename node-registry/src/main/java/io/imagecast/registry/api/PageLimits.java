package io.imagecast.registry.api;

import io.imagecast.registry.config.RegistryConfig;
import io.imagecast.registry.service.Problems;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class PageLimits {
    private final RegistryConfig config;

    PageLimits(RegistryConfig config) {
        this.config = config;
    }

    int resolve(Integer requested) {
        if (requested == null) {
            return config.pagination().defaultLimit();
        }
        int max = config.pagination().maxLimit();
        if (requested < 1 || requested > max) {
            throw Problems.invalid("limit", "must be between 1 and " + max);
        }
        return requested;
    }
}
