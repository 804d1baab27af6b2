package io.imagecast.logs.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "imagecast.logs")
public interface LogsConfig {
    Retention retention();

    Query query();

    Download download();

    Ingest ingest();

    Tail tail();

    interface Tail {
        /**
         * Lines queued per live-tail client. A consumed batch (up to 5,000 lines) arrives at once,
         * so a client following everything needs room for one batch to keep up.
         */
        @WithDefault("10000")
        @WithName("buffer-lines")
        int bufferLines();

        /**
         * Live-tail clients one process serves at once; one more is answered 503 with Retry-After.
         * Queues share the line objects, but a client that stops reading keeps the lines of its
         * moment alive, so clients stalled at different times hold up to this times
         * {@code buffer-lines} lines between them (320,000 by default).
         */
        @WithDefault("32")
        @WithName("max-streams")
        int maxStreams();
    }

    interface Ingest {
        /**
         * Transactions a consumed batch is split into and stored concurrently. Two let one part be
         * decoded while another is in PostgreSQL, which keeps both cores of a small node busy.
         * Values below 1 mean 1.
         */
        @WithDefault("2")
        @WithName("parallel-parts")
        int parallelParts();

        /**
         * Longest wait between two attempts to store a batch while the database fails; the wait
         * doubles from 500 ms up to this, so ingestion resumes at most this long after the
         * database is back.
         */
        @WithDefault("5s")
        @WithName("retry-backoff-max")
        Duration retryBackoffMax();
    }

    interface Retention {
        /** Lines older than this are deleted (whole daily partitions). */
        @WithDefault("14d")
        Duration period();

        /** Daily partitions created ahead of today. */
        @WithDefault("2")
        int partitionsAhead();
    }

    interface Query {
        @WithDefault("100")
        int defaultLimit();

        @WithDefault("5000")
        int maxLimit();

        /** Range used when a query gives no start (Loki's default is one hour). */
        @WithDefault("1h")
        Duration defaultRange();

        /** Most points a metric query may produce per series (Loki's limit is 11,000). */
        @WithDefault("11000")
        int maxPoints();

        /**
         * Largest Loki form body (decoded names and values, in UTF-8 bytes): the same bound as
         * Vert.x's default for a request line ({@code quarkus.http.limits.max-initial-line-length}),
         * so a query is no larger sent as a form than in a URL.
         */
        @WithDefault("4096")
        @WithName("max-form-bytes")
        int maxFormBytes();

        Timeout timeout();
    }

    /**
     * Longest a single SQL statement of a client request may run before PostgreSQL stops it
     * ({@code SET LOCAL statement_timeout}); the client gets a 422.
     */
    interface Timeout {
        /** {@code GET /api/v1/logs}. */
        @WithDefault("10s")
        Duration search();

        /** Loki {@code query} and {@code query_range} (line and metric queries). */
        @WithDefault("15s")
        Duration loki();

        /** Loki labels, label values, series, index stats and volume. */
        @WithDefault("5s")
        Duration metadata();
    }

    interface Download {
        /** Time zone of the timestamps in the multicast.log-style download. */
        @WithDefault("UTC")
        ZoneId zone();
    }
}
