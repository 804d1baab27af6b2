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
 * retention period in one statement each, and purges expired rows from the default partition.
 */
public final class PartitionMaintainer {
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

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
        try (Connection connection = dataSource.getConnection()) {
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

    /** Drops daily partitions entirely older than {@code cutoff}; returns their names. */
    public List<String> dropPartitionsBefore(Instant cutoff) throws SQLException {
        LocalDate cutoffDay = cutoff.atZone(ZoneOffset.UTC).toLocalDate();
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
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
