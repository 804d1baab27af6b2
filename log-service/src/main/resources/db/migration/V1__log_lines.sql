-- Log lines, partitioned by day so retention drops whole partitions instead of deleting rows.
-- pg_trgm is a trusted extension (PostgreSQL >= 13): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE log_line_id_seq CACHE 1000;

CREATE TABLE log_line (
    id          bigint      NOT NULL DEFAULT nextval('log_line_id_seq'),
    ts          timestamptz NOT NULL,
    level       text        NOT NULL,
    service     text        NOT NULL,
    node        text        NOT NULL,
    session_id  text        NOT NULL,
    logger      text        NOT NULL,
    message     text        NOT NULL,
    exception   text,
    fields      jsonb,
    event_id    text        NOT NULL
) PARTITION BY RANGE (ts);

-- Catches lines outside every daily partition (clock skew, very late records); the maintainer
-- moves them into a daily partition when it creates one for their day.
CREATE TABLE log_line_default PARTITION OF log_line DEFAULT;

-- Redelivered Kafka records (same CloudEvents id) are stored once.
CREATE UNIQUE INDEX log_line_event_uq ON log_line (event_id, ts);
-- Newest-first paging with a (ts, id) cursor, and time-range scans.
CREATE INDEX log_line_ts_idx ON log_line (ts, id);
-- Session filter: the most common selective query.
CREATE INDEX log_line_session_idx ON log_line (session_id, ts, id);
-- Text search: contains (LIKE) and regex (~) filters.
CREATE INDEX log_line_message_trgm_idx ON log_line USING gin (message gin_trgm_ops);

-- One row per distinct label set, so labels, label values and series never scan the lines.
CREATE TABLE log_stream (
    service     text        NOT NULL,
    node        text        NOT NULL,
    session_id  text        NOT NULL,
    level       text        NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (service, node, session_id, level)
);
CREATE INDEX log_stream_last_seen_idx ON log_stream (last_seen);
