package io.imagecast.registry.service;

import io.imagecast.registry.domain.PortWindow;
import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.domain.StorageGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Keeps the port windows of groups that share a host disjoint: one sender host serving two groups
 * must never be told to use the same port twice. A host is recognised by its node address.
 */
@ApplicationScoped
public class PortWindowGuard {
    /** Any constant: the transaction-scoped advisory lock that serialises topology changes. */
    private static final long TOPOLOGY_LOCK = 0x696d6763_0005L;

    private final StorageGroupRepository groups;

    public PortWindowGuard(StorageGroupRepository groups) {
        this.groups = groups;
    }

    /** Serialises changes of group windows and node placement until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockTopology() {
        groups.getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(:key)) locked")
                .setParameter("key", TOPOLOGY_LOCK)
                .getSingleResult();
    }

    /** Fails with 409 when {@code window} overlaps a group other than {@code group} on these hosts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireDisjoint(String group, PortWindow window, List<String> hostAddresses) {
        for (StorageGroup other : groups.otherGroupsOnHosts(group, hostAddresses)) {
            if (other.portWindow().overlaps(window)) {
                throw Problems.conflict(
                                "port-window-overlap",
                                "Port windows overlap on a shared host",
                                "group " + group + " would use ports " + window + " and group " + other.name
                                        + " uses " + other.portWindow() + " on the same host; give them disjoint"
                                        + " windows")
                        .with("conflictingGroup", other.name)
                        .with("conflictingWindow", other.portWindow().toString());
            }
        }
    }
}
