-- Read model of storage groups and nodes, fed only by node events (no calls to the registry).
CREATE TABLE storage_group (
    name               VARCHAR(64) PRIMARY KEY,
    image_root         VARCHAR(1024),
    port_window_start  INTEGER     NOT NULL,
    port_window_end    INTEGER     NOT NULL,
    multicast_pool     TEXT        NOT NULL DEFAULT '[]',
    max_sessions       INTEGER     NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE storage_node (
    node_id            VARCHAR(128) PRIMARY KEY,
    group_name         VARCHAR(64),
    address            VARCHAR(64),
    enabled            BOOLEAN      NOT NULL,
    master             BOOLEAN      NOT NULL,
    multicast_interface VARCHAR(64),
    max_bitrate_bps    BIGINT,
    max_sessions       INTEGER      NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    problems           TEXT         NOT NULL DEFAULT '[]',
    removed            BOOLEAN      NOT NULL DEFAULT FALSE,
    last_heartbeat_at  TIMESTAMPTZ,
    changed_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX storage_node_group ON storage_node (group_name);

CREATE TABLE multicast_session (
    id                   UUID PRIMARY KEY,
    name                 VARCHAR(64)  NOT NULL,
    state                VARCHAR(32)  NOT NULL,
    reason               VARCHAR(2000),
    group_name           VARCHAR(64)  NOT NULL,
    node_id              VARCHAR(128),
    image_dir            VARCHAR(1024) NOT NULL,
    requested_files      TEXT         NOT NULL,
    expected_receivers   INTEGER      NOT NULL,
    max_wait_seconds     INTEGER,
    min_wait_seconds     INTEGER,
    start_timeout_seconds INTEGER     NOT NULL,
    start_at             TIMESTAMPTZ,
    max_bitrate_bps      BIGINT,
    full_duplex          BOOLEAN      NOT NULL,
    ttl                  INTEGER      NOT NULL,
    port_base            INTEGER,
    data_address         VARCHAR(64),
    interface_name       VARCHAR(64),
    holds_slot           BOOLEAN      NOT NULL DEFAULT FALSE,
    file_count           INTEGER,
    current_file         INTEGER,
    bytes_sent           BIGINT       NOT NULL DEFAULT 0,
    total_bytes          BIGINT,
    bits_per_second      BIGINT       NOT NULL DEFAULT 0,
    retransmitted_blocks BIGINT       NOT NULL DEFAULT 0,
    created_by           VARCHAR(256) NOT NULL,
    idempotency_key      VARCHAR(128),
    request_hash         VARCHAR(64),
    created_at           TIMESTAMPTZ  NOT NULL,
    dispatched_at        TIMESTAMPTZ,
    started_at           TIMESTAMPTZ,
    finished_at          TIMESTAMPTZ,
    last_sender_activity TIMESTAMPTZ,
    version              BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT session_port_even CHECK (port_base IS NULL OR port_base % 2 = 0)
);
-- A name identifies one active session at a time (FOG blanks names of finished sessions for reuse).
CREATE UNIQUE INDEX session_active_name ON multicast_session (lower(name))
    WHERE state IN ('QUEUED', 'DISPATCHED', 'WAITING_FOR_RECEIVERS', 'TRANSFERRING');
-- A port base (and base+1) belongs to one session on a node while a sender may still use it.
CREATE UNIQUE INDEX session_node_port ON multicast_session (node_id, port_base) WHERE holds_slot;
CREATE UNIQUE INDEX session_group_data_address ON multicast_session (group_name, data_address)
    WHERE holds_slot AND data_address IS NOT NULL;
CREATE UNIQUE INDEX session_idempotency ON multicast_session (created_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX session_listing ON multicast_session (created_at DESC, id DESC);
CREATE INDEX session_state ON multicast_session (state);

CREATE TABLE session_file (
    id          BIGSERIAL PRIMARY KEY,
    session_id  UUID        NOT NULL REFERENCES multicast_session (id) ON DELETE CASCADE,
    file_index  INTEGER     NOT NULL,
    name        VARCHAR(256),
    bytes       BIGINT,
    state       VARCHAR(16) NOT NULL,
    receivers   INTEGER     NOT NULL DEFAULT 0,
    started_at  TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    UNIQUE (session_id, file_index)
);

CREATE TABLE session_receiver (
    id                 BIGSERIAL PRIMARY KEY,
    session_id         UUID         NOT NULL REFERENCES multicast_session (id) ON DELETE CASCADE,
    host_name          VARCHAR(128),
    mac                VARCHAR(17),
    ip                 VARCHAR(64),
    listed             BOOLEAN      NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    file_index         INTEGER,
    acknowledged_bytes BIGINT       NOT NULL DEFAULT 0,
    files_completed    INTEGER      NOT NULL DEFAULT 0,
    reason             VARCHAR(1000),
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX session_receiver_session ON session_receiver (session_id);
CREATE UNIQUE INDEX session_receiver_ip ON session_receiver (session_id, ip) WHERE ip IS NOT NULL;

-- Commands waiting for the relay; written in the same transaction as the state change.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID         NOT NULL UNIQUE,
    topic         VARCHAR(255) NOT NULL,
    record_key    VARCHAR(255) NOT NULL,
    ce_type       VARCHAR(255) NOT NULL,
    ce_subject    VARCHAR(255),
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    VARCHAR(2000)
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;

-- Consumed event ids, recorded in the same transaction as their effect.
CREATE TABLE processed_event (
    event_id     VARCHAR(255) PRIMARY KEY,
    processed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX processed_event_age ON processed_event (processed_at);
