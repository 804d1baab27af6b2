package io.imagecast.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class StorageGroupRepository implements PanacheRepositoryBase<StorageGroup, String> {
    /** One page in name order, starting after {@code afterName} (keyset pagination). */
    public List<StorageGroup> page(String afterName, int limit) {
        return (afterName == null ? find("", Sort.by("name")) : find("name > ?1", Sort.by("name"), afterName))
                .page(0, limit)
                .list();
    }

    /** Locks the group row: serialises master switches of one group. */
    public Optional<StorageGroup> findForUpdate(String name) {
        return findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Groups other than {@code group} that have a node on one of the given host addresses. */
    public List<StorageGroup> otherGroupsOnHosts(String group, List<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        return getEntityManager()
                .createQuery(
                        "select distinct n.group from StorageNode n where n.address in :addresses"
                                + " and n.group is not null and n.group.name <> :group",
                        StorageGroup.class)
                .setParameter("addresses", addresses)
                .setParameter("group", group)
                .getResultList();
    }
}
