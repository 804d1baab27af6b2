package io.imagecast.session.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionState;
import java.time.Instant;
import java.util.UUID;

/** One row of the session list; the full view is one GET away. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSummary(
        UUID id,
        String name,
        SessionState state,
        String reason,
        String storageGroup,
        String node,
        String imageDir,
        Integer portBase,
        int expectedReceivers,
        long bytesSent,
        Long totalBytes,
        Instant createdAt,
        Instant finishedAt) {
    public static SessionSummary of(Session s) {
        return new SessionSummary(
                s.id,
                s.name,
                s.state,
                s.reason,
                s.groupName,
                s.nodeId,
                s.imageDir,
                s.portBase,
                s.expectedReceivers,
                s.bytesSent,
                s.totalBytes,
                s.createdAt,
                s.finishedAt);
    }
}
