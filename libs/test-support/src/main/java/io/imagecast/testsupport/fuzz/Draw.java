package io.imagecast.testsupport.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Every random choice of one generated request, from one seeded {@link Random}, so that a case is
 * reproduced by its seed alone.
 */
final class Draw {
    private static final String IDENTIFIER_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private final Random random;

    Draw(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Between {@code low} and {@code high}, both included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    long between(long low, long high) {
        return low + (long) Math.floor(random.nextDouble() * ((double) high - low + 1));
    }

    double unit() {
        return random.nextDouble();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Letters, digits and '-', starting with a letter or digit: what names usually allow. */
    String identifier() {
        int length = between(1, 12);
        StringBuilder out = new StringBuilder();
        out.append(IDENTIFIER_CHARS.charAt(random.nextInt(IDENTIFIER_CHARS.length() - 1)));
        while (out.length() < length) {
            out.append(IDENTIFIER_CHARS.charAt(random.nextInt(IDENTIFIER_CHARS.length())));
        }
        return out.toString();
    }

    /**
     * Any UTF-16 code units, lone surrogates and unassigned code points included, weighted towards
     * the ranges that break things: ASCII controls, Latin-1, fullwidth forms, bidi controls, emoji.
     */
    String unicode() {
        int length = between(1, 24);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            switch (random.nextInt(7)) {
                case 0 -> out.append((char) random.nextInt(0x80));
                case 1 -> out.append((char) (0x80 + random.nextInt(0x180)));
                case 2 -> out.append((char) (0xff01 + random.nextInt(0x5e)));
                case 3 -> out.append((char) (0x200b + random.nextInt(0x24)));
                case 4 -> out.appendCodePoint(0x1f300 + random.nextInt(0x300));
                case 5 -> out.append((char) (0xd800 + random.nextInt(0x800)));
                default -> out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }
}
