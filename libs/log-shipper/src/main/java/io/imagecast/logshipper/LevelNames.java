package io.imagecast.logshipper;

import java.util.logging.Level;

/** Maps java.util.logging / JBoss levels to the lower-case names Grafana and Loki recognise. */
public final class LevelNames {
    private LevelNames() {}

    public static String of(Level level) {
        int value = level.intValue();
        if (value >= 1100) {
            return "fatal"; // JBoss FATAL
        }
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        if (value >= Level.FINE.intValue()) {
            return "debug";
        }
        return "trace";
    }
}
