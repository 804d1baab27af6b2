package io.imagecast.cli.demo;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** Progress of the sha256 check: a line at most every interval, so a long check never looks stuck. */
final class HashProgress implements LongConsumer {
    private final long totalBytes;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Consumer<String> say;
    private final long began;
    private long lastShown;
    private long hashed;

    HashProgress(long totalBytes, long intervalNanos, LongSupplier clock, Consumer<String> say) {
        this.totalBytes = totalBytes;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.say = say;
        this.began = clock.getAsLong();
        this.lastShown = began;
    }

    @Override
    public void accept(long bytes) {
        hashed += bytes;
        long now = clock.getAsLong();
        if (now - lastShown >= intervalNanos) {
            lastShown = now;
            say.accept(String.format(
                    Locale.ROOT,
                    "verifying: %s of %s hashed (%.0f %%, %.0f s)",
                    ByteSize.format(hashed),
                    ByteSize.format(totalBytes),
                    totalBytes == 0 ? 100.0 : 100.0 * hashed / totalBytes,
                    (now - began) / 1e9));
        }
    }
}
