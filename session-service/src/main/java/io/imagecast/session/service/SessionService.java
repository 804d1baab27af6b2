package io.imagecast.session.service;

import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.DropHostCommand;
import io.imagecast.service.logging.SessionMdc;
import io.imagecast.session.config.SessionConfig;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.MasterCheck;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionReceiver;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.domain.SessionState;
import io.imagecast.session.domain.StorageGroup;
import io.imagecast.session.domain.StorageGroupRepository;
import io.imagecast.session.domain.StorageNodeRepository;
import io.imagecast.session.messaging.CommandOutbox;
import io.imagecast.session.service.CreateSessionRequest.HostSpec;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The use cases behind the session API. */
@ApplicationScoped
public class SessionService {
    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final StorageGroupRepository groups;
    private final StorageNodeRepository nodes;
    private final Dispatcher dispatcher;
    private final CommandOutbox outbox;
    private final SessionEndings endings;
    private final SessionConfig config;

    public SessionService(
            SessionRepository sessions,
            StorageGroupRepository groups,
            StorageNodeRepository nodes,
            Dispatcher dispatcher,
            CommandOutbox outbox,
            SessionEndings endings,
            SessionConfig config) {
        this.sessions = sessions;
        this.groups = groups;
        this.nodes = nodes;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.endings = endings;
        this.config = config;
    }

    public record Created(SessionView session, boolean replayed) {}

    @Transactional
    public Created create(CreateSessionRequest request, String idempotencyKey, String caller) {
        Instant now = Instant.now();
        String fingerprint = RequestFingerprint.of(request);
        if (idempotencyKey != null) {
            sessions.lockIdempotencyKey(caller, idempotencyKey);
            var earlier = sessions.findByIdempotencyKey(caller, idempotencyKey);
            if (earlier.isPresent()) {
                if (!fingerprint.equals(earlier.get().requestHash)) {
                    throw Problems.idempotencyKeyReused(earlier.get().id);
                }
                return new Created(SessionView.of(earlier.get()), true);
            }
        }
        String imageDir = SessionRequestRules.check(request, now);
        StorageGroup group = groups.lockForPlacement(request.storageGroup())
                .orElseThrow(() -> Problems.unknownGroup(request.storageGroup()));
        MasterCheck master = MasterCheck.of(group, nodes.membersOf(group.name));
        if (!master.usable()) {
            throw Problems.noUsableMaster(group.name, master);
        }
        sessions.findActiveByName(request.name()).ifPresent(active -> {
            throw Problems.nameInUse(active.name, active.id);
        });
        Session session = newSession(request, imageDir, caller, idempotencyKey, fingerprint, now);
        sessions.persistAndFlush(session);
        if (session.startAt != null && session.startAt.isAfter(now)) {
            session.reason = "scheduled to start at " + session.startAt;
        } else {
            dispatcher.dispatchDue(group.name, now);
        }
        try (SessionMdc mdc = SessionMdc.of(session.id, session.nodeId)) {
            LOG.infof("session %s '%s' created by %s in state %s", session.id, session.name, caller, session.state);
        }
        return new Created(view(session), false);
    }

    private Session newSession(
            CreateSessionRequest request,
            String imageDir,
            String caller,
            String idempotencyKey,
            String fingerprint,
            Instant now) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.name = request.name();
        session.state = SessionState.QUEUED;
        session.reason = "waiting for a free port or session slot";
        session.groupName = request.storageGroup();
        session.imageDir = imageDir;
        session.requestedFiles =
                request.image().files() == null ? List.of() : request.image().files();
        List<HostSpec> hosts = request.hosts() == null ? List.of() : request.hosts();
        session.expectedReceivers = request.expectedReceivers() != null ? request.expectedReceivers() : hosts.size();
        session.maxWaitSeconds = request.maxWaitSeconds() != null
                ? request.maxWaitSeconds()
                : config.defaults().maxWaitSeconds();
        session.minWaitSeconds = request.minWaitSeconds();
        session.startTimeoutSeconds = request.startTimeoutSeconds() != null
                ? request.startTimeoutSeconds()
                : config.defaults().startTimeoutSeconds();
        session.startAt = request.startAt();
        session.maxBitrateBps = request.maxBitrateBps();
        session.fullDuplex = request.duplex() != CreateSessionRequest.Duplex.HALF;
        session.ttl = request.ttl() != null ? request.ttl() : config.defaults().ttl();
        session.createdBy = caller;
        session.idempotencyKey = idempotencyKey;
        session.requestHash = fingerprint;
        session.createdAt = now;
        for (HostSpec host : hosts) {
            SessionReceiver receiver = new SessionReceiver();
            receiver.session = session;
            receiver.hostName = host.name();
            receiver.mac =
                    host.mac() == null ? null : host.mac().replace('-', ':').toLowerCase(Locale.ROOT);
            receiver.ip = host.ip();
            receiver.listed = true;
            receiver.updatedAt = now;
            session.receivers.add(receiver);
        }
        return session;
    }

    @Transactional
    public SessionView get(UUID id) {
        return SessionView.of(find(id));
    }

    @Transactional
    public SessionPage list(SessionFilter filter) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.states() != null && !filter.states().isEmpty()) {
            query.append(" and state in :states");
            parameters.and("states", filter.states());
        }
        if (filter.group() != null) {
            query.append(" and groupName = :group");
            parameters.and("group", filter.group());
        }
        if (filter.node() != null) {
            query.append(" and nodeId = :node");
            parameters.and("node", filter.node());
        }
        if (filter.name() != null) {
            query.append(" and lower(name) like :name escape '\\'");
            parameters.and("name", "%" + escapeLike(filter.name().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.createdAfter() != null) {
            query.append(" and createdAt >= :createdAfter");
            parameters.and("createdAfter", filter.createdAfter());
        }
        if (filter.createdBefore() != null) {
            query.append(" and createdAt < :createdBefore");
            parameters.and("createdBefore", filter.createdBefore());
        }
        if (filter.after() != null) {
            query.append(" and (createdAt < :cursorTime or (createdAt = :cursorTime and id < :cursorId))");
            parameters
                    .and("cursorTime", filter.after().createdAt())
                    .and("cursorId", filter.after().id());
        }
        query.append(" order by createdAt desc, id desc");
        List<Session> rows = sessions.find(query.toString(), parameters)
                .page(0, filter.limit() + 1)
                .list();
        List<SessionSummary> items = new ArrayList<>();
        for (int i = 0; i < Math.min(filter.limit(), rows.size()); i++) {
            items.add(SessionSummary.of(rows.get(i)));
        }
        String next = null;
        if (rows.size() > filter.limit()) {
            Session last = rows.get(filter.limit() - 1);
            next = new Cursor(last.createdAt, last.id).encode();
        }
        return new SessionPage(items, next);
    }

    @Transactional
    public SessionView cancel(UUID id, String caller) {
        Instant now = Instant.now();
        Session session = lock(id);
        requireActive(session, "cancel");
        String reason = "cancelled by " + caller;
        boolean onNode = SessionState.ON_NODE.contains(session.state);
        try (SessionMdc mdc = SessionMdc.of(session.id, session.nodeId)) {
            endings.end(session, SessionState.CANCELLED, reason, now);
        }
        if (onNode) {
            // The port stays reserved until the node confirms its sender stopped (FOG #523).
            outbox.enqueue(new CancelTransferCommand(session.id, session.nodeId, reason), session.id, now);
        }
        return view(session);
    }

    public record DropOutcome(SessionView session, boolean commandSent) {}

    @Transactional
    public DropOutcome dropHost(UUID id, String host, String caller) {
        Instant now = Instant.now();
        Session session = lock(id);
        requireActive(session, "drop a host from");
        SessionReceiver receiver = session.receivers.stream()
                .filter(r -> r.matches(host))
                .findFirst()
                .orElseThrow(() -> Problems.unknownHost(id, host));
        if (receiver.state.isFinal() || receiver.state == HostState.DROP_REQUESTED) {
            throw Problems.hostFinished(receiver.label(), receiver.state);
        }
        String reason = "dropped by " + caller;
        if (session.state == SessionState.QUEUED) {
            receiver.moveTo(HostState.DROPPED, reason, now);
            return new DropOutcome(view(session), false);
        }
        if (receiver.ip == null) {
            throw Problems.hostNotAddressable(receiver.label());
        }
        receiver.moveTo(HostState.DROP_REQUESTED, reason, now);
        outbox.enqueue(new DropHostCommand(session.id, session.nodeId, receiver.ip, reason), session.id, now);
        try (SessionMdc mdc = SessionMdc.of(session.id, session.nodeId)) {
            LOG.infof("session %s: %s asked node %s to drop %s", session.id, caller, session.nodeId, receiver.label());
        }
        return new DropOutcome(view(session), true);
    }

    /** Flushed first, so the answer carries the version the change is stored (and streamed) with. */
    private SessionView view(Session session) {
        sessions.flush();
        return SessionView.of(session);
    }

    @Transactional
    public long purge(Instant finishedBefore) {
        // Rows of files and receivers go with their session (ON DELETE CASCADE).
        return sessions.delete(
                "state not in ?1 and holdsSlot = false and finishedAt < ?2", SessionState.ACTIVE, finishedBefore);
    }

    private Session lock(UUID id) {
        return sessions.lockById(id).orElseThrow(() -> Problems.sessionNotFound(id));
    }

    private Session find(UUID id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> Problems.sessionNotFound(id));
    }

    private static void requireActive(Session session, String action) {
        if (session.state.isTerminal()) {
            throw Problems.sessionFinished(session.id, session.state, action);
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
