package io.imagecast.logs.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps one {@code log_line} partition per UTC day: creates upcoming days, drops days past the
 * retention period in one statement each, and purges expired rows from the default partition. Once
 * a day is over, it builds the day's trigram index for text search in one pass: keeping that index
 * up to date row by row during ingest cost about half of every insert.
 *
 * <p>Every replica of log-service runs this maintenance. Each task holds a PostgreSQL advisory lock
 * (session level, on its own connection) while it looks at and changes the partitions, so replicas
 * take turns: the second finds the first one's partitions instead of failing to create them again.
 * Index builds use a try-lock: while one replica builds, the others skip the round.
 */
public final class PartitionMaintainer {
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** Advisory lock keys ("imgclog" + task), shared by every replica on the database. */
    static final long PARTITION_LOCK = 0x696d67636c6f6701L;

    static final long INDEX_LOCK = 0x696d67636c6f6702L;

    private final DataSource dataSource;

    public PartitionMaintainer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static String partitionName(LocalDate day) {
        return "log_line_p" + SUFFIX.format(day);
    }

    /** Ensures partitions from {@code firstDay} to {@code lastDay} inclusive exist. */
    public List<String> createPartitions(LocalDate firstDay, LocalDate lastDay) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                AdvisoryLock lock = AdvisoryLock.await(connection, PARTITION_LOCK)) {
            List<String> existing = existingPartitions(connection);
            for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
                String name = partitionName(day);
                if (!existing.contains(name)) {
                    createPartition(connection, day);
                    created.add(name);
                }
            }
        }
        return created;
    }

    private static void createPartition(Connection connection, LocalDate day) throws SQLException {
        String name = partitionName(day);
        String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // Rows of that day may already sit in the default partition: move them, then attach.
            statement.execute("LOCK TABLE log_line_default IN EXCLUSIVE MODE");
            statement.execute("CREATE TABLE " + name + " (LIKE log_line INCLUDING DEFAULTS)");
            statement.execute("WITH moved AS (DELETE FROM log_line_default WHERE ts >= '" + from + "' AND ts < '" + to
                    + "' RETURNING *) INSERT INTO " + name + " SELECT * FROM moved");
            statement.execute("ALTER TABLE log_line ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from
                    + "') TO ('" + to + "')");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Builds the pg_trgm index on every daily partition whose day ended before {@code now} and
     * that has no valid one yet; returns the partitions indexed. Concurrently, so late lines for
     * that day are never blocked; an index left invalid by an interrupted build is rebuilt.
     */
    public List<String> indexClosedPartitions(Instant now) throws SQLException {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<String> indexed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                AdvisoryLock lock = AdvisoryLock.tryTake(connection, INDEX_LOCK)) {
            if (!lock.held()) {
                return indexed;
            }
            for (String name : existingPartitions(connection)) {
                LocalDate day = LocalDate.parse(name.substring("log_line_p".length()), SUFFIX);
                String index = name + "_message_trgm";
                Boolean valid = indexValidity(connection, index);
                if (!day.isBefore(today) || Boolean.TRUE.equals(valid)) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    if (valid != null) {
                        statement.execute("DROP INDEX CONCURRENTLY " + index);
                    }
                    statement.execute(
                            "CREATE INDEX CONCURRENTLY " + index + " ON " + name + " USING gin (message gin_trgm_ops)");
                }
                indexed.add(name);
            }
        }
        return indexed;
    }

    /** {@code null} when the index does not exist, else whether it is valid (usable). */
    private static Boolean indexValidity(Connection connection, String index) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            query.setString(1, index);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getBoolean(1) : null;
            }
        }
    }

    /** Drops daily partitions entirely older than {@code cutoff}; returns their names. */
    public List<String> dropPartitionsBefore(Instant cutoff) throws SQLException {
        LocalDate cutoffDay = cutoff.atZone(ZoneOffset.UTC).toLocalDate();
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                AdvisoryLock lock = AdvisoryLock.await(connection, PARTITION_LOCK)) {
            for (String name : existingPartitions(connection)) {
                LocalDate day = LocalDate.parse(name.substring("log_line_p".length()), SUFFIX);
                if (day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().compareTo(cutoff) <= 0
                        && day.isBefore(cutoffDay)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DROP TABLE " + name);
                    }
                    dropped.add(name);
                }
            }
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM log_line_default WHERE ts < ?")) {
                purge.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                purge.executeUpdate();
            }
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM log_stream WHERE last_seen < ?")) {
                purge.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                purge.executeUpdate();
            }
        }
        return dropped;
    }

    private static List<String> existingPartitions(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
                        + " WHERE p.relname = 'log_line' AND c.relname ~ '^log_line_p[0-9]{8}$' ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
