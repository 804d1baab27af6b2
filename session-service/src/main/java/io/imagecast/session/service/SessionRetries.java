package io.imagecast.session.service;

import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionReceiver;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.service.CreateSessionRequest.HostSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * A follow-up session for exactly the hosts a finished session missed: same image, group and
 * settings, linked both ways. One per source session: asking again answers the same follow-up.
 */
@ApplicationScoped
public class SessionRetries {
    private static final String SUFFIX = " (retry)";
    private static final int MAX_NAME = 64;

    private final SessionRepository sessions;
    private final SessionService service;

    public SessionRetries(SessionRepository sessions, SessionService service) {
        this.sessions = sessions;
        this.service = service;
    }

    @Transactional
    public SessionService.Created retry(UUID sourceId, String caller) {
        // The row lock makes two concurrent retries of one session produce one follow-up.
        Session source = sessions.lockById(sourceId).orElseThrow(() -> Problems.sessionNotFound(sourceId));
        if (source.retriedBy != null) {
            return new SessionService.Created(service.get(source.retriedBy), true);
        }
        if (!source.state.isTerminal()) {
            throw Problems.sessionStillActive(sourceId, source.state);
        }
        List<SessionReceiver> missed = source.missedReceivers();
        int unseen = source.unseenReceivers();
        if (missed.isEmpty() && unseen == 0) {
            throw Problems.nothingToRetry(sourceId, source.state);
        }
        SessionService.Created created = service.create(followUp(source, missed, unseen), null, caller);
        Session retry = sessions.findById(created.session().id());
        retry.retryOf = source.id;
        source.retriedBy = retry.id;
        sessions.flush();
        return new SessionService.Created(SessionView.of(retry), false);
    }

    private static CreateSessionRequest followUp(Session source, List<SessionReceiver> missed, int unseen) {
        List<HostSpec> hosts =
                missed.stream().map(r -> new HostSpec(r.hostName, r.mac, r.ip)).toList();
        String name = source.name.length() + SUFFIX.length() > MAX_NAME
                ? source.name.substring(0, MAX_NAME - SUFFIX.length()).strip() + SUFFIX
                : source.name + SUFFIX;
        return new CreateSessionRequest(
                name,
                new CreateSessionRequest.ImageSpec(
                        source.imageDir, source.requestedFiles.isEmpty() ? null : source.requestedFiles),
                source.groupName,
                hosts.size() + unseen,
                hosts,
                source.maxWaitSeconds,
                source.minWaitSeconds,
                source.startTimeoutSeconds,
                null,
                source.maxBitrateBps,
                source.fullDuplex ? CreateSessionRequest.Duplex.FULL : CreateSessionRequest.Duplex.HALF,
                source.ttl);
    }
}
