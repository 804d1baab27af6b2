package io.imagecast.session.service;

import io.imagecast.session.api.SessionView;
import io.imagecast.session.config.SessionConfig;
import io.imagecast.session.domain.SessionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live view of one session for Server-Sent Events. It reads the database rather than an in-memory
 * bus, so every replica can serve any session; an update is emitted only when the row's version
 * changed, and the stream ends after the session ended.
 */
@ApplicationScoped
public class SessionStream {
    private final SessionRepository sessions;
    private final SessionConfig config;

    public SessionStream(SessionRepository sessions, SessionConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    public Multi<SessionView> follow(UUID id) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            return Multi.createFrom()
                    .ticks()
                    .startingAfter(Duration.ofMillis(1))
                    .every(config.sse().pollInterval())
                    .onOverflow()
                    .drop()
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
                    .repetitions();
        });
    }

    private Optional<SessionView> load(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> sessions.findByIdOptional(id).map(SessionView::of));
    }
}
