package io.imagecast.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class NodeInterfaceRepository implements PanacheRepository<NodeInterface> {
    public List<NodeInterface> ofNode(String nodeName) {
        return list("nodeName", Sort.by("name"), nodeName);
    }
}
