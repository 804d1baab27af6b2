package io.imagecast.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /**
     * Loads the session with its row locked until the transaction ends. Every state change takes
     * this lock, so a cancel waits for a progress update instead of colliding with it. The lock also
     * increments the version: a change to a receiver or file alone changes the session too, and the
     * version is the id of the SSE event that shows it.
     */
    public Optional<Session> lockById(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    /** Locks a session already loaded by a query and refreshes it to the committed row. */
    public Session lock(Session session) {
        getEntityManager().lock(session, LockModeType.PESSIMISTIC_WRITE);
        getEntityManager().refresh(session);
        return session;
    }

    public Optional<Session> findActiveByName(String name) {
        return find("lower(name) = lower(?1) and state in ?2", name, SessionState.ACTIVE)
                .firstResultOptional();
    }

    /**
     * Takes a transaction-scoped lock on (caller, Idempotency-Key) before the key is looked up, so
     * concurrent requests with one key run one after the other: the first creates the session, the
     * others wait for its commit and then find it. The lock exists without a row to lock (the
     * session does not exist yet); a hash collision between two keys only serialises them.
     */
    public void lockIdempotencyKey(String caller, String key) {
        getEntityManager()
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                .setParameter("key", caller + "\n" + key)
                .getSingleResult();
    }

    public Optional<Session> findByIdempotencyKey(String caller, String key) {
        return find("createdBy = ?1 and idempotencyKey = ?2", caller, key).firstResultOptional();
    }

    public Set<Integer> portsHeldOn(String nodeId) {
        return new HashSet<>(getEntityManager()
                .createQuery("select s.portBase from Session s where s.holdsSlot and s.nodeId = :node", Integer.class)
                .setParameter("node", nodeId)
                .getResultList());
    }

    public long slotsHeldOn(String nodeId) {
        return count("holdsSlot = true and nodeId = ?1", nodeId);
    }

    public Set<String> dataAddressesHeldIn(String group) {
        return new HashSet<>(getEntityManager()
                .createQuery(
                        "select s.dataAddress from Session s where s.holdsSlot and s.groupName = :group"
                                + " and s.dataAddress is not null",
                        String.class)
                .setParameter("group", group)
                .getResultList());
    }

    /** Queued sessions due to start, oldest first: the queue is first come, first served. */
    public List<Session> dueQueued(String group, Instant now) {
        // Locked: a cancel of a queued session waits for placement instead of colliding with it.
        return find(
                        "groupName = :group and state = :queued and (startAt is null or startAt <= :now) order by createdAt, id",
                        Parameters.with("group", group)
                                .and("queued", SessionState.QUEUED)
                                .and("now", now))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public boolean hasQueuedAhead(String group, Instant now) {
        return count(
                        "groupName = :group and state = :queued and (startAt is null or startAt <= :now)",
                        Parameters.with("group", group)
                                .and("queued", SessionState.QUEUED)
                                .and("now", now))
                > 0;
    }

    public List<String> groupsWithDueQueued(Instant now) {
        return getEntityManager()
                .createQuery(
                        "select distinct s.groupName from Session s where s.state = :queued"
                                + " and (s.startAt is null or s.startAt <= :now)",
                        String.class)
                .setParameter("queued", SessionState.QUEUED)
                .setParameter("now", now)
                .getResultList();
    }

    /** Queued sessions due since before {@code cutoff} (scheduled ones count from their start time). */
    public List<Session> queuedSince(Instant cutoff) {
        return list(
                "state = :queued and coalesce(startAt, createdAt) < :cutoff",
                Parameters.with("queued", SessionState.QUEUED).and("cutoff", cutoff));
    }

    public List<Session> onNode() {
        return list("state in ?1", SessionState.ON_NODE);
    }

    public List<Session> endedButHoldingSlot() {
        return list("holdsSlot = true and state not in ?1", SessionState.ACTIVE);
    }
}
