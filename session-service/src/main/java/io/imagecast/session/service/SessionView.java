package io.imagecast.session.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionFile;
import io.imagecast.session.domain.SessionReceiver;
import io.imagecast.session.domain.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A session with its per-file and per-receiver progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(
        UUID id,
        String name,
        SessionState state,
        String reason,
        String storageGroup,
        String node,
        Image image,
        Integer portBase,
        String dataAddress,
        String interfaceName,
        int expectedReceivers,
        Settings settings,
        Progress progress,
        List<FileView> files,
        List<ReceiverView> receivers,
        String createdBy,
        Instant createdAt,
        Instant dispatchedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant lastSenderActivity,
        UUID retryOf,
        UUID retriedBy,
        long version) {

    public record Image(String dir, List<String> files) {}

    public record Settings(
            Integer maxWaitSeconds,
            Integer minWaitSeconds,
            int startTimeoutSeconds,
            Instant startAt,
            Long maxBitrateBps,
            String duplex,
            int ttl) {}

    public record Progress(
            Integer fileIndex,
            Integer fileCount,
            long bytesSent,
            Long totalBytes,
            Double percent,
            long bitsPerSecond,
            long retransmittedBlocks,
            int receiversJoined,
            int receiversCompleted,
            int receiversDropped) {}

    public record FileView(
            int index, String name, Long bytes, String state, int receivers, Instant startedAt, Instant completedAt) {}

    public record ReceiverView(
            String name,
            String mac,
            String ip,
            boolean listed,
            HostState state,
            Integer fileIndex,
            long acknowledgedBytes,
            int filesCompleted,
            String reason,
            Instant joinedAt) {}

    public static SessionView of(Session s) {
        int joined = (int) s.receivers.stream().filter(r -> r.joinedAt != null).count();
        int completed = count(s.receivers, HostState.COMPLETED);
        int dropped = count(s.receivers, HostState.DROPPED);
        Double percent = null;
        if (s.totalBytes != null && s.totalBytes > 0) {
            percent = Math.min(100.0, Math.round(1000.0 * s.bytesSent / s.totalBytes) / 10.0);
        } else if (s.state == SessionState.COMPLETED) {
            percent = 100.0;
        }
        return new SessionView(
                s.id,
                s.name,
                s.state,
                s.reason,
                s.groupName,
                s.nodeId,
                new Image(s.imageDir, s.imageFiles()),
                s.portBase,
                s.dataAddress,
                s.interfaceName,
                s.expectedReceivers,
                new Settings(
                        s.maxWaitSeconds,
                        s.minWaitSeconds,
                        s.startTimeoutSeconds,
                        s.startAt,
                        s.maxBitrateBps,
                        s.fullDuplex ? "FULL" : "HALF",
                        s.ttl),
                new Progress(
                        s.currentFile,
                        s.fileCount,
                        s.bytesSent,
                        s.totalBytes,
                        percent,
                        s.bitsPerSecond,
                        s.retransmittedBlocks,
                        joined,
                        completed,
                        dropped),
                s.files.stream().map(SessionView::file).toList(),
                s.receivers.stream().map(SessionView::receiver).toList(),
                s.createdBy,
                s.createdAt,
                s.dispatchedAt,
                s.startedAt,
                s.finishedAt,
                s.lastSenderActivity,
                s.retryOf,
                s.retriedBy,
                s.version);
    }

    private static int count(List<SessionReceiver> receivers, HostState state) {
        return (int) receivers.stream().filter(r -> r.state == state).count();
    }

    private static FileView file(SessionFile f) {
        return new FileView(f.fileIndex, f.name, f.bytes, f.state.name(), f.receivers, f.startedAt, f.completedAt);
    }

    private static ReceiverView receiver(SessionReceiver r) {
        return new ReceiverView(
                r.hostName,
                r.mac,
                r.ip,
                r.listed,
                r.state,
                r.fileIndex,
                r.acknowledgedBytes,
                r.filesCompleted,
                r.reason,
                r.joinedAt);
    }
}
