package io.imagecast.session.service;

import io.imagecast.service.stream.StreamLimit;
import io.imagecast.session.config.SessionConfig;
import io.imagecast.session.domain.SessionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live view of one session for Server-Sent Events. It reads the database rather than an in-memory
 * bus, so every replica can serve any session; an update is emitted only when the row's version
 * changed, and the stream ends after the session ended. Every open stream polls the database, so
 * their number is bounded ({@code imagecast.session.sse.max-streams}); one more is refused with 503.
 */
@ApplicationScoped
public class SessionStream {
    private final SessionRepository sessions;
    private final SessionConfig config;
    private final Set<AtomicBoolean> open = ConcurrentHashMap.newKeySet();
    private final StreamLimit limit;
    private volatile boolean stopping;

    public SessionStream(SessionRepository sessions, SessionConfig config) {
        this.sessions = sessions;
        this.config = config;
        this.limit = new StreamLimit(config.sse().maxStreams(), "imagecast.session.sse.max-streams");
    }

    /** Streams open now. */
    public int openStreams() {
        return limit.open();
    }

    /** Ends every open stream at its next tick; clients reconnect (SSE retry) elsewhere or later. */
    public void endOpenStreams() {
        open.forEach(closed -> closed.set(true));
    }

    /** Open streams would otherwise keep the HTTP server, and so the shutdown, waiting. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        endOpenStreams();
    }

    /**
     * The live view of a session once {@code check} passed (it throws, e.g. 404, when the stream
     * may not open). Throws the 503 problem when {@code imagecast.session.sse.max-streams} streams
     * are open; that is decided first, so a refused stream costs no database read.
     */
    public Multi<SessionView> follow(UUID id, Runnable check) {
        return limit.admit(() -> {
            check.run();
            return poll(id);
        });
    }

    private Multi<SessionView> poll(UUID id) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            AtomicBoolean closed = new AtomicBoolean(stopping);
            open.add(closed);
            return Multi.createFrom()
                    .ticks()
                    .startingAfter(Duration.ofMillis(1))
                    .every(config.sse().pollInterval())
                    .onOverflow()
                    .drop()
                    .select()
                    .first(tick -> !closed.get())
                    .onItem()
                    .transformToUniAndConcatenate(tick -> Uni.createFrom()
                            .item(() -> load(id))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                    // A purged session ends the stream like a finished one.
                    .select()
                    .first(view -> view.isPresent()
                            && !ended.getAndSet(view.get().state().isTerminal()))
                    .map(Optional::get)
                    .skip()
                    .repetitions()
                    .onTermination()
                    .invoke(() -> open.remove(closed));
        });
    }

    private Optional<SessionView> load(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> sessions.findByIdOptional(id).map(SessionView::of));
    }
}
