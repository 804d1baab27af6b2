package io.imagecast.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEntry> {
    /** Oldest unpublished entries, locked so that relays in other replicas skip them. */
    @SuppressWarnings("unchecked")
    public List<OutboxEntry> lockPending(int limit) {
        return getEntityManager()
                .createNativeQuery(
                        "select * from outbox where published_at is null order by id limit :limit for update skip locked",
                        OutboxEntry.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    public long pending() {
        return count("publishedAt is null");
    }
}
