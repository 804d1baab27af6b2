package io.imagecast.registry.messaging;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {
    /**
     * The oldest pending events, locked; SKIP LOCKED lets several registry instances relay without
     * publishing the same event twice.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> lockOldest(int limit) {
        return getEntityManager()
                .createNativeQuery(
                        "select * from outbox_event order by seq limit :limit for update skip locked",
                        OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
