package io.imagecast.session.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A receiver of a session: either a host the scheduler listed ({@code listed}) or one the sender saw
 * join from an address nobody listed. Receivers are matched to listed hosts by IP address.
 */
@Entity
@Table(name = "session_receiver")
public class SessionReceiver {
    private static final Logger LOG = Logger.getLogger(SessionReceiver.class);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "session_id")
    public Session session;

    public String hostName;
    public String mac;
    public String ip;
    public boolean listed;

    @Enumerated(EnumType.STRING)
    public HostState state = HostState.EXPECTED;

    public Integer fileIndex;
    public long acknowledgedBytes;
    public int filesCompleted;
    public String reason;
    public Instant updatedAt;
    /** When the sender first saw it take part; null for a host that never joined. */
    public Instant joinedAt;

    public String label() {
        if (hostName != null) {
            return ip == null ? hostName : hostName + " (" + ip + ")";
        }
        return ip != null ? ip : mac;
    }

    /** Applies a move the host state machine allows; an illegal one is logged and skipped. */
    public boolean moveTo(HostState target, String why, Instant now) {
        if (state == target) {
            return false;
        }
        if (!HostStateMachine.allows(state, target)) {
            LOG.warnf("session %s: ignored receiver %s moving %s -> %s", session.id, label(), state, target);
            session.refusedHostMoves++;
            return false;
        }
        if (joinedAt == null
                && (target == HostState.JOINED || target == HostState.RECEIVING || target == HostState.COMPLETED)) {
            joinedAt = now;
        }
        state = target;
        if (why != null) {
            reason = why;
        }
        updatedAt = now;
        return true;
    }

    public boolean matches(String identifier) {
        return identifier.equalsIgnoreCase(hostName == null ? "" : hostName)
                || identifier.equalsIgnoreCase(ip == null ? "" : ip)
                || identifier.equalsIgnoreCase(mac == null ? "" : mac);
    }
}
