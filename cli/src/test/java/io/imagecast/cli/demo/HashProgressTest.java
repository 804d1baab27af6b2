package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HashProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void saysHowFarTheCheckIsAtMostOncePerInterval() {
        AtomicLong clock = new AtomicLong();
        List<String> said = new ArrayList<>();
        HashProgress progress = new HashProgress(4L << 30, 5 * SECOND, clock::get, said::add);

        progress.accept(1L << 30); // at 0 s: too early
        clock.set(5 * SECOND);
        progress.accept(1L << 30); // at 5 s: shown
        clock.set(7 * SECOND);
        progress.accept(1L << 30); // at 7 s: too early again

        assertThat(said).containsExactly("verifying: 2.0 GiB of 4.0 GiB hashed (50 %, 5 s)");
    }
}
