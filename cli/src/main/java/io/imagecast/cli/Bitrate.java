package io.imagecast.cli;

import java.util.Locale;

/** Parses udp-sender style rates: plain bits per second, or with a k, m or g suffix (e.g. 600m). */
final class Bitrate {
    private Bitrate() {}

    static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("bps")) {
            t = t.substring(0, t.length() - 3);
        }
        long factor = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> factor = 1_000L;
                case 'm' -> factor = 1_000_000L;
                case 'g' -> factor = 1_000_000_000L;
                default -> factor = 1;
            }
        }
        if (factor != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return (long) (v * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a bit rate: '" + text + "' (examples: 800m, 1g, 500000k)");
        }
    }
}
