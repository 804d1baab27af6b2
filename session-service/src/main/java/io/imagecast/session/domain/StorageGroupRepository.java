package io.imagecast.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class StorageGroupRepository implements PanacheRepositoryBase<StorageGroup, String> {
    /** Placement in a group is serialised on its row so two requests never pick the same port. */
    public Optional<StorageGroup> lockForPlacement(String name) {
        return findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE);
    }
}
