package io.imagecast.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {
    /**
     * Records the id; false when it was already there. Insert-or-nothing in SQL, so two consumers
     * racing on one redelivered event cannot both apply it.
     */
    public boolean markProcessed(String eventId, Instant now) {
        int inserted = getEntityManager()
                .createNativeQuery("insert into processed_event (event_id, processed_at) values (:id, :at)"
                        + " on conflict (event_id) do nothing")
                .setParameter("id", eventId)
                .setParameter("at", now)
                .executeUpdate();
        return inserted == 1;
    }

    public long deleteOlderThan(Instant cutoff) {
        return delete("processedAt < ?1", cutoff);
    }
}
