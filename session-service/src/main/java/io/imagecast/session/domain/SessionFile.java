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

/** One image file of a session, sent as its own udpcast transfer in order. */
@Entity
@Table(name = "session_file")
public class SessionFile {
    public enum State {
        PENDING,
        SENDING,
        COMPLETED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "session_id")
    public Session session;

    public int fileIndex;
    public String name;
    public Long bytes;

    @Enumerated(EnumType.STRING)
    public State state = State.PENDING;

    public int receivers;
    public Instant startedAt;
    public Instant completedAt;
}
