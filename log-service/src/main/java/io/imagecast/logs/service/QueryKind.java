package io.imagecast.logs.service;

import io.imagecast.logs.config.LogsConfig;
import java.time.Duration;

/** Classes of client reads, each with its own statement timeout. */
public enum QueryKind {
    SEARCH,
    LOKI,
    METADATA;

    Duration timeout(LogsConfig.Timeout config) {
        return switch (this) {
            case SEARCH -> config.search();
            case LOKI -> config.loki();
            case METADATA -> config.metadata();
        };
    }
}
