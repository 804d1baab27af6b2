package io.imagecast.logs.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.imagecast.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Log lines in PostgreSQL through plain JDBC: ingest is a few array-parameter statements per Kafka
 * batch, which an ORM would only slow down.
 */
@ApplicationScoped
public class LogStore {
    private static final String LINE_COLUMNS =
            "id, ts, level, service, node, session_id, logger, message, exception, fields::text";
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    private final DataSource dataSource;

    public LogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores new lines (skipping ones already stored) and returns those actually inserted. */
    public List<LogLine> insert(List<NewLogLine> lines) throws SQLException {
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<String, NewLogLine> byEventId = new HashMap<>();
        int n = lines.size();
        String[] ts = new String[n];
        String[] level = new String[n];
        String[] service = new String[n];
        String[] node = new String[n];
        String[] session = new String[n];
        String[] logger = new String[n];
        String[] message = new String[n];
        String[] exception = new String[n];
        String[] fields = new String[n];
        String[] eventId = new String[n];
        for (int i = 0; i < n; i++) {
            NewLogLine line = lines.get(i);
            byEventId.put(line.eventId(), line);
            ts[i] = line.timestamp().toString();
            level[i] = line.level();
            service[i] = line.service();
            node[i] = line.node();
            session[i] = line.sessionId();
            logger[i] = line.logger();
            message[i] = line.message();
            exception[i] = line.exception();
            fields[i] = line.fields() == null || line.fields().isEmpty() ? null : EventJson.toJson(line.fields());
            eventId[i] = line.eventId();
        }
        List<LogLine> inserted = new ArrayList<>(n);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO log_line (ts, level, service, node, session_id, logger, message, exception, fields, event_id)"
                            + " SELECT t.ts::timestamptz, t.level, t.service, t.node, t.session_id, t.logger, t.message,"
                            + " t.exception, t.fields::jsonb, t.event_id"
                            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::text[], ?::text[], ?::text[])"
                            + " AS t(ts, level, service, node, session_id, logger, message, exception, fields, event_id)"
                            + " ON CONFLICT DO NOTHING RETURNING id, event_id")) {
                String[][] columns = {ts, level, service, node, session, logger, message, exception, fields, eventId};
                for (int c = 0; c < columns.length; c++) {
                    insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                }
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(byEventId.get(rows.getString(2)).withId(rows.getLong(1)));
                    }
                }
            }
            upsertStreams(connection, lines);
        }
        return inserted;
    }

    private static void upsertStreams(Connection connection, List<NewLogLine> lines) throws SQLException {
        Map<LabelSet, Instant[]> spans = new java.util.TreeMap<>(java.util.Comparator.comparing(LabelSet::service)
                .thenComparing(LabelSet::node)
                .thenComparing(LabelSet::sessionId)
                .thenComparing(LabelSet::level));
        for (NewLogLine line : lines) {
            LabelSet key = new LabelSet(line.service(), line.node(), line.sessionId(), line.level());
            Instant[] span = spans.computeIfAbsent(key, k -> new Instant[] {line.timestamp(), line.timestamp()});
            if (line.timestamp().isBefore(span[0])) {
                span[0] = line.timestamp();
            }
            if (line.timestamp().isAfter(span[1])) {
                span[1] = line.timestamp();
            }
        }
        int n = spans.size();
        String[][] columns = new String[6][n];
        int i = 0;
        for (Map.Entry<LabelSet, Instant[]> entry : spans.entrySet()) {
            columns[0][i] = entry.getKey().service();
            columns[1][i] = entry.getKey().node();
            columns[2][i] = entry.getKey().sessionId();
            columns[3][i] = entry.getKey().level();
            columns[4][i] = entry.getValue()[0].toString();
            columns[5][i] = entry.getValue()[1].toString();
            i++;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO log_stream (service, node, session_id, level, first_seen, last_seen)"
                        + " SELECT t.service, t.node, t.session_id, t.level, t.first_seen::timestamptz, t.last_seen::timestamptz"
                        + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " AS t(service, node, session_id, level, first_seen, last_seen)"
                        + " ON CONFLICT (service, node, session_id, level) DO UPDATE SET"
                        + " first_seen = least(log_stream.first_seen, excluded.first_seen),"
                        + " last_seen = greatest(log_stream.last_seen, excluded.last_seen)")) {
            for (int c = 0; c < columns.length; c++) {
                upsert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            upsert.executeUpdate();
        }
    }

    public List<LogLine> find(LineQuery query) throws SQLException {
        SqlFragment where = LineFilterSql.where(query.selector(), query.from(), query.to());
        List<Object> params = new ArrayList<>(where.params());
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(LINE_COLUMNS)
                .append(" FROM log_line WHERE ")
                .append(where.sql());
        boolean backward = query.direction() == Direction.BACKWARD;
        if (query.cursor() != null) {
            sql.append(backward ? " AND (ts, id) < (?, ?)" : " AND (ts, id) > (?, ?)");
            params.add(query.cursor().timestamp());
            params.add(query.cursor().id());
        }
        sql.append(backward ? " ORDER BY ts DESC, id DESC" : " ORDER BY ts ASC, id ASC");
        sql.append(" LIMIT ?");
        params.add(query.limit());
        List<LogLine> lines = new ArrayList<>();
        try (Read read = read();
                PreparedStatement statement = read.prepare(sql.toString(), params);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                lines.add(line(rows));
            }
        }
        return lines;
    }

    /** Streams every matching line oldest first without holding them all in memory. */
    public void forEach(Selector selector, Instant from, Instant to, Consumer<LogLine> sink) throws SQLException {
        SqlFragment where = LineFilterSql.where(selector, from, to);
        String sql = "SELECT " + LINE_COLUMNS + " FROM log_line WHERE " + where.sql() + " ORDER BY ts, id";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // pgjdbc only honours fetch size inside a transaction
            try (PreparedStatement statement = prepare(connection, sql, where.params())) {
                statement.setFetchSize(2_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(line(rows));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Counts lines per evaluation time {@code t} (from {@code start} to {@code end} every {@code step})
     * in the window {@code (t - range, t]}, grouped by {@code groupBy}. Windows without lines are absent.
     */
    public List<SeriesCount> countOverTime(
            Selector selector, Instant start, Instant end, Duration step, Duration range, Collection<Label> groupBy)
            throws SQLException {
        SqlFragment filter = LineFilterSql.selectorOnly(selector);
        String groupColumns = groupBy.stream().map(Label::column).collect(Collectors.joining(", "));
        String select = groupColumns.isEmpty() ? "" : ", " + groupColumns;
        String sql = "SELECT s.t" + select + ", count(*) FROM generate_series(?::timestamptz, ?::timestamptz,"
                + " ? * interval '1 millisecond') AS s(t) JOIN log_line ON ts > s.t - ? * interval '1 millisecond'"
                + " AND ts <= s.t WHERE ts > ? AND ts <= ?"
                + (filter.sql().isEmpty() ? "" : " AND " + filter.sql())
                + " GROUP BY s.t" + select + " ORDER BY s.t";
        List<Object> params = new ArrayList<>();
        params.add(start);
        params.add(end);
        params.add(step.toMillis());
        params.add(range.toMillis());
        params.add(start.minus(range));
        params.add(end);
        params.addAll(filter.params());
        List<SeriesCount> counts = new ArrayList<>();
        List<Label> labels = List.copyOf(groupBy);
        try (Read read = read();
                PreparedStatement statement = read.prepare(sql, params);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Map<Label, String> values = new EnumMap<>(Label.class);
                for (int i = 0; i < labels.size(); i++) {
                    values.put(labels.get(i), rows.getString(2 + i));
                }
                counts.add(new SeriesCount(
                        rows.getObject(1, OffsetDateTime.class).toInstant(), values, rows.getLong(2 + labels.size())));
            }
        }
        return counts;
    }

    /** Label sets seen in the range whose labels satisfy the selector's label matchers. */
    public List<LabelSet> streams(Selector selector, Instant from, Instant to) throws SQLException {
        SqlFragment filter = LineFilterSql.selectorOnly(new Selector(selector.matchers(), List.of()));
        String sql = "SELECT service, node, session_id, level FROM log_stream WHERE last_seen >= ? AND first_seen < ?"
                + (filter.sql().isEmpty() ? "" : " AND " + filter.sql())
                + " ORDER BY service, node, session_id, level LIMIT 100000";
        List<Object> params = new ArrayList<>();
        params.add(from);
        params.add(to);
        params.addAll(filter.params());
        List<LabelSet> sets = new ArrayList<>();
        try (Read read = read();
                PreparedStatement statement = read.prepare(sql, params);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sets.add(new LabelSet(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        return sets;
    }

    public List<String> labelValues(Label label, Selector selector, Instant from, Instant to) throws SQLException {
        SqlFragment filter = LineFilterSql.selectorOnly(new Selector(selector.matchers(), List.of()));
        String column = label.column();
        String sql =
                "SELECT DISTINCT " + column + " FROM log_stream WHERE last_seen >= ? AND first_seen < ? AND " + column
                        + " <> ''" + (filter.sql().isEmpty() ? "" : " AND " + filter.sql()) + " ORDER BY 1 LIMIT 10000";
        List<Object> params = new ArrayList<>();
        params.add(from);
        params.add(to);
        params.addAll(filter.params());
        List<String> values = new ArrayList<>();
        try (Read read = read();
                PreparedStatement statement = read.prepare(sql, params);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Entry count, byte size and stream count of the matching lines. */
    public IndexStats stats(Selector selector, Instant from, Instant to) throws SQLException {
        SqlFragment where = LineFilterSql.where(selector, from, to);
        String sql = "SELECT count(*), coalesce(sum(octet_length(message)), 0),"
                + " count(DISTINCT (service, node, session_id, level)) FROM log_line WHERE " + where.sql();
        try (Read read = read();
                PreparedStatement statement = read.prepare(sql, where.params());
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new IndexStats(rows.getLong(3), rows.getLong(1), rows.getLong(2));
        }
    }

    /** Bytes of message text per group, largest first. */
    public Map<Map<Label, String>, Long> volume(
            Selector selector, Instant from, Instant to, List<Label> groupBy, int limit) throws SQLException {
        SqlFragment where = LineFilterSql.where(selector, from, to);
        String columns = groupBy.stream().map(Label::column).collect(Collectors.joining(", "));
        String sql = "SELECT " + (columns.isEmpty() ? "" : columns + ", ")
                + "sum(octet_length(message)) AS bytes FROM log_line WHERE " + where.sql()
                + (columns.isEmpty() ? "" : " GROUP BY " + columns) + " ORDER BY bytes DESC LIMIT ?";
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        Map<Map<Label, String>, Long> volumes = new LinkedHashMap<>();
        try (Read read = read();
                PreparedStatement statement = read.prepare(sql, params);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long bytes = rows.getLong(groupBy.size() + 1);
                if (rows.wasNull()) {
                    continue;
                }
                Map<Label, String> key = new EnumMap<>(Label.class);
                for (int i = 0; i < groupBy.size(); i++) {
                    key.put(groupBy.get(i), rows.getString(i + 1));
                }
                volumes.put(key, bytes);
            }
        }
        return volumes;
    }

    private Read read() throws SQLException {
        Connection connection = dataSource.getConnection();
        QueryScope scope = QueryScope.current();
        if (scope != null) {
            try {
                scope.begin(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return new Read(connection, scope);
    }

    /**
     * A pooled connection for one read. Within a {@link QueryScope} the read runs in a transaction
     * carrying the scope's statement timeout, and its statement can be cancelled by the scope.
     */
    private record Read(Connection connection, QueryScope scope) implements AutoCloseable {
        PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
            PreparedStatement statement = LogStore.prepare(connection, sql, params);
            if (scope != null) {
                scope.watch(statement);
            }
            return statement;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (scope != null) {
                    scope.release();
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } finally {
                connection.close();
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    private static LogLine line(ResultSet rows) throws SQLException {
        String fieldsJson = rows.getString(10);
        Map<String, String> fields = null;
        if (fieldsJson != null) {
            try {
                fields = EventJson.mapper().readValue(fieldsJson, FIELDS);
            } catch (IOException e) {
                fields = Map.of("_unreadable", fieldsJson);
            }
        }
        return new LogLine(
                rows.getLong(1),
                rows.getObject(2, OffsetDateTime.class).toInstant(),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                fields);
    }
}
