package io.imagecast.registry.api;

import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.service.GroupView;
import java.util.List;

public record GroupResponse(
        String name,
        String imageRoot,
        int portWindowStart,
        int portWindowEnd,
        List<String> multicastPool,
        int maxSessions,
        boolean autoApplyInterface,
        String master,
        long version) {
    static GroupResponse of(GroupView view) {
        StorageGroup group = view.group();
        return new GroupResponse(
                group.name,
                group.imageRoot,
                group.portWindowStart,
                group.portWindowEnd,
                List.copyOf(group.multicastPool),
                group.maxSessions,
                group.autoApplyInterface,
                view.master(),
                group.version);
    }
}
