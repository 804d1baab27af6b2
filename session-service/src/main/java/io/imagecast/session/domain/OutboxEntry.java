package io.imagecast.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message to publish, written in the transaction that decided it. */
@Entity
@Table(name = "outbox")
public class OutboxEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID eventId;
    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    public String ceType;
    public String ceSubject;
    public String payload;
    public Instant createdAt;
    public Instant publishedAt;
    public int attempts;
    public String lastError;
}
