package io.imagecast.session.domain;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A storage group as last announced by the node registry. */
@Entity
@Table(name = "storage_group")
public class StorageGroup {
    @Id
    public String name;

    public String imageRoot;
    public int portWindowStart;
    public int portWindowEnd;

    @Convert(converter = StringListConverter.class)
    public List<String> multicastPool;

    public int maxSessions;
    public Instant updatedAt;
}
