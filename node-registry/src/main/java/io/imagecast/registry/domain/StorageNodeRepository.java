package io.imagecast.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class StorageNodeRepository implements PanacheRepositoryBase<StorageNode, String> {
    /** One page in name order after {@code afterName}, optionally only the nodes of one group. */
    public List<StorageNode> page(String group, String afterName, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (group != null) {
            conditions.add("group.name = :group");
            parameters.and("group", group);
        }
        if (afterName != null) {
            conditions.add("name > :after");
            parameters.and("after", afterName);
        }
        return find(String.join(" and ", conditions), Sort.by("name"), parameters)
                .page(0, limit)
                .list();
    }

    public List<StorageNode> inGroup(String group) {
        return list("group.name", Sort.by("name"), group);
    }

    public Optional<StorageNode> masterOf(String group) {
        return find("group.name = ?1 and master = true", group).firstResultOptional();
    }

    public long countInGroup(String group) {
        return count("group.name", group);
    }

    public List<String> addressesInGroup(String group) {
        return getEntityManager()
                .createQuery(
                        "select distinct n.address from StorageNode n where n.group.name = :group"
                                + " and n.address is not null",
                        String.class)
                .setParameter("group", group)
                .getResultList();
    }
}
