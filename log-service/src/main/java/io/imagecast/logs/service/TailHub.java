package io.imagecast.logs.service;

import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.Selector;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans freshly stored lines out to live-tail subscribers. Each subscriber has a bounded buffer;
 * a client that cannot keep up loses the overflow instead of slowing ingestion.
 */
@ApplicationScoped
public class TailHub {
    static final int SUBSCRIBER_BUFFER = 2_000;

    private record Subscriber(Selector selector, MultiEmitter<? super LogLine> emitter) {}

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public Multi<LogLine> follow(Selector selector) {
        return Multi.createFrom()
                .<LogLine>emitter(
                        emitter -> {
                            Subscriber subscriber = new Subscriber(selector, emitter);
                            subscribers.add(subscriber);
                            emitter.onTermination(() -> subscribers.remove(subscriber));
                        },
                        BackPressureStrategy.BUFFER)
                .onOverflow()
                .buffer(SUBSCRIBER_BUFFER)
                .onOverflow()
                .drop();
    }

    public void publish(List<LogLine> lines) {
        if (subscribers.isEmpty() || lines.isEmpty()) {
            return;
        }
        for (Subscriber subscriber : subscribers) {
            for (LogLine line : lines) {
                if (subscriber.selector().matches(line.labels(), line.message())) {
                    subscriber.emitter().emit(line);
                }
            }
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
