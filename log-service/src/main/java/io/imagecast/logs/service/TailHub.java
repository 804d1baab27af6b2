package io.imagecast.logs.service;

import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.Selector;
import io.imagecast.service.stream.StreamLimit;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans freshly stored lines out to live-tail subscribers, in the order they were stored. Each
 * subscriber has a queue of at most {@code imagecast.logs.tail.buffer-lines} lines, emitted as
 * fast as the client asks for them, so a client that keeps up gets every line. A client that falls
 * that far behind is not allowed to slow ingestion: lines are counted instead of queued until it
 * has taken everything queued, then it gets one {@link TailEvent.Missed} saying how many lines it
 * lost and when they were stamped, and the stream goes on from there. A client that reads nothing
 * keeps its whole queue, so the number of subscribers is bounded too
 * ({@code imagecast.logs.tail.max-streams}): one more is refused with 503.
 */
@ApplicationScoped
public class TailHub {
    private final int bufferLines;
    private final StreamLimit limit;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    @Inject
    public TailHub(LogsConfig config) {
        this(config.tail().bufferLines(), config.tail().maxStreams());
    }

    protected TailHub(int bufferLines, int maxStreams) {
        this.bufferLines = Math.max(1, bufferLines);
        this.limit = new StreamLimit(maxStreams, "imagecast.logs.tail.max-streams");
    }

    /** Throws the 503 problem when {@code imagecast.logs.tail.max-streams} subscribers are open. */
    public Multi<TailEvent> follow(Selector selector) {
        return limit.admit(() -> subscribe(selector));
    }

    private Multi<TailEvent> subscribe(Selector selector) {
        // Items are only emitted against outstanding demand, so the emitter's own buffer stays empty.
        return Multi.createFrom()
                .emitter(
                        emitter -> {
                            Subscriber subscriber = new Subscriber(selector, emitter, bufferLines);
                            subscribers.add(subscriber);
                            emitter.onTermination(() -> subscribers.remove(subscriber));
                            emitter.onRequest(n -> subscriber.drain());
                        },
                        BackPressureStrategy.BUFFER);
    }

    public void publish(List<LogLine> lines) {
        if (subscribers.isEmpty() || lines.isEmpty()) {
            return;
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(lines);
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    private static final class Subscriber {
        private final Selector selector;
        private final MultiEmitter<? super TailEvent> emitter;
        private final int capacity;
        private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
        private final AtomicInteger draining = new AtomicInteger();
        private long missed;
        private Instant missedFrom;
        private Instant missedTo;

        Subscriber(Selector selector, MultiEmitter<? super TailEvent> emitter, int capacity) {
            this.selector = selector;
            this.emitter = emitter;
            this.capacity = capacity;
        }

        void offer(List<LogLine> lines) {
            for (LogLine line : lines) {
                if (!selector.matches(line.labels(), line.message())) {
                    continue;
                }
                if (!enqueue(line, false)) {
                    // A batch may be larger than the queue: hand out what the client asked for first.
                    drain();
                    enqueue(line, true);
                }
            }
            drain();
        }

        /** Queues the line if there is room, else (when {@code orMiss}) counts it as missed. */
        private synchronized boolean enqueue(LogLine line, boolean orMiss) {
            // Once a line is missed, later ones are too until the client has caught up: it then
            // sees one gap, reported where it happened, never lines out of order.
            if (missed == 0 && queue.size() < capacity) {
                queue.add(line);
                return true;
            }
            if (orMiss) {
                if (missed == 0) {
                    missedFrom = line.timestamp();
                }
                missed++;
                missedTo = line.timestamp();
            }
            return false;
        }

        /** Emits what the client has asked for; safe to call from any thread, and re-entrantly. */
        void drain() {
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (emitter.requested() > 0 && !emitter.isCancelled()) {
                    TailEvent next = next();
                    if (next == null) {
                        break;
                    }
                    emitter.emit(next);
                }
            } while (draining.decrementAndGet() != 0);
        }

        private synchronized TailEvent next() {
            LogLine line = queue.poll();
            if (line != null) {
                return new TailEvent.Line(line);
            }
            if (missed > 0) {
                TailEvent gap = new TailEvent.Missed(missed, missedFrom, missedTo);
                missed = 0;
                missedFrom = null;
                missedTo = null;
                return gap;
            }
            return null;
        }
    }
}
