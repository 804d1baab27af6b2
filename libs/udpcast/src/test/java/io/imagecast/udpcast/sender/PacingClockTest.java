package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacingClockTest {
    private static final long QUARTER_MS = 250_000L;

    @Test
    void ticksOnlyWhileActive() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        AtomicInteger ticks = new AtomicInteger();
        try (PacingClock clock = new PacingClock(QUARTER_MS, loop::execute, ticks::incrementAndGet)) {
            clock.start();
            Thread.sleep(50);
            assertThat(ticks.get()).isZero();

            clock.active(true);
            Thread.sleep(500);
            clock.active(false);
            // 2,000 at the nominal interval; far more than the 500 a 1 ms timer could give, with room for a slow
            // machine
            assertThat(ticks.get()).isGreaterThan(600);

            Thread.sleep(20);
            int afterStop = ticks.get();
            Thread.sleep(100);
            assertThat(ticks.get()).isEqualTo(afterStop);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void aBusyLoopGetsOneTickAtATimeNotAPile() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger maxQueued = new AtomicInteger();
        try (PacingClock clock = new PacingClock(
                QUARTER_MS,
                task -> {
                    maxQueued.accumulateAndGet(queued.incrementAndGet(), Math::max);
                    loop.execute(() -> {
                        queued.decrementAndGet();
                        task.run();
                    });
                },
                () -> sleepMillis(5))) {
            clock.start();
            clock.active(true);
            Thread.sleep(200);
        } finally {
            loop.shutdownNow();
        }
        assertThat(maxQueued.get()).isEqualTo(1);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
