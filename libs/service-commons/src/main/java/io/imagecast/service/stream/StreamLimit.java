package io.imagecast.service.stream;

import io.imagecast.service.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bound on the long-lived streams (Server-Sent Events) one service process keeps open. Each open
 * stream holds a socket, a subscriber with its queue and, for polled streams, a share of the
 * database; without a bound any client could open them until the process runs out of memory, file
 * descriptors or connections. A stream over the bound is refused before it opens: 503 problem+json
 * with Retry-After, since the same request succeeds once others have closed.
 */
public final class StreamLimit {
    private static final int RETRY_AFTER_SECONDS = 5;

    private final int max;
    private final String setting;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param max streams open at once; values below 1 mean 1
     * @param setting the configuration property that sets {@code max}, named in the refusal
     */
    public StreamLimit(int max, String setting) {
        this.max = Math.max(1, max);
        this.setting = setting;
    }

    /**
     * Opens the stream if there is room, else throws the 503 problem. The slot is given back when
     * the stream completes, fails or is cancelled (the client hung up).
     */
    public <T> Multi<T> admit(Supplier<Multi<T>> stream) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new ProblemException(
                            503,
                            "too-many-streams",
                            "Too many open streams",
                            "this service already serves " + max + " live streams (" + setting
                                    + "); retry later or close a stream")
                    .with("limit", max)
                    .retryAfter(RETRY_AFTER_SECONDS);
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        try {
            return stream.get().onTermination().invoke(release);
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
