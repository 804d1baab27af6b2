package io.imagecast.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class StorageNodeRepository implements PanacheRepositoryBase<StorageNode, String> {
    public List<StorageNode> membersOf(String group) {
        return list("groupName = ?1 and removed = false", group);
    }
}
