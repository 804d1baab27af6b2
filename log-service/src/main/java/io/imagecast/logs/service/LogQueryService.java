package io.imagecast.logs.service;

import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.ClientGoneException;
import io.imagecast.logs.domain.Cursor;
import io.imagecast.logs.domain.Direction;
import io.imagecast.logs.domain.InvalidQueryException;
import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.LabelMatcher;
import io.imagecast.logs.domain.LineQuery;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.LogStore;
import io.imagecast.logs.domain.QueryTooExpensiveException;
import io.imagecast.logs.domain.Selector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The imagecast REST view of stored lines: pages, session logs. */
@ApplicationScoped
public class LogQueryService {
    private final LogStore store;
    private final LogsConfig config;
    private final ClientQueries clientQueries;

    public LogQueryService(LogStore store, LogsConfig config, ClientQueries clientQueries) {
        this.store = store;
        this.config = config;
        this.clientQueries = clientQueries;
    }

    /**
     * Runs REST work, turning a bad query into a problem+json 400 and one that ran past its
     * statement timeout into a 422: the same query would only time out again, so no Retry-After.
     */
    public <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidQueryException e) {
            throw Problems.invalidQuery(e.getMessage());
        } catch (QueryTooExpensiveException e) {
            throw Problems.queryTooExpensive(e.getMessage(), e.timeout());
        } catch (ClientGoneException e) {
            throw Problems.clientClosedRequest(e.getMessage());
        }
    }

    public Instant oldestKept(Instant now) {
        return now.minus(config.retention().period()).minus(java.time.Duration.ofDays(1));
    }

    public LogPage page(Selector selector, Instant from, Instant to, Integer limit, Cursor cursor) {
        int size = limit == null ? config.query().defaultLimit() : limit;
        if (size < 1 || size > config.query().maxLimit()) {
            throw new InvalidQueryException(
                    "limit must be between 1 and " + config.query().maxLimit());
        }
        try {
            List<LogLine> lines = clientQueries.run(
                    QueryKind.SEARCH,
                    () -> store.find(new LineQuery(selector, from, to, size, Direction.BACKWARD, cursor)));
            String next = null;
            if (lines.size() == size) {
                LogLine last = lines.get(lines.size() - 1);
                next = new Cursor(last.timestamp(), last.id()).encode();
            }
            return new LogPage(lines.stream().map(LogLineView::of).toList(), next);
        } catch (SQLException e) {
            throw Problems.storageUnavailable(e);
        }
    }

    public boolean sessionHasLines(String sessionId) {
        try {
            Instant now = Instant.now();
            return !store.streams(sessionSelector(sessionId), oldestKept(now), now.plusSeconds(86_400 * 365L))
                    .isEmpty();
        } catch (SQLException e) {
            throw Problems.storageUnavailable(e);
        }
    }

    public void forEachSessionLine(String sessionId, Consumer<LogLine> sink) {
        try {
            Instant now = Instant.now();
            store.forEach(sessionSelector(sessionId), oldestKept(now), now.plusSeconds(86_400 * 365L), sink);
        } catch (SQLException e) {
            throw Problems.storageUnavailable(e);
        }
    }

    private static Selector sessionSelector(String sessionId) {
        return new Selector(List.of(LabelMatcher.eq(Label.SESSION, sessionId)), List.of());
    }
}
