package io.imagecast.logs.service;

import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.LogStore;
import io.imagecast.logs.domain.NewLogLine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;

/** Stores a batch of lines in one transaction. */
@ApplicationScoped
public class IngestService {
    private final LogStore store;
    private final Counter stored;
    private final Counter duplicates;

    public IngestService(LogStore store, MeterRegistry registry) {
        this.store = store;
        this.stored = Counter.builder("imagecast.logs.ingested")
                .description("Log lines stored")
                .register(registry);
        this.duplicates = Counter.builder("imagecast.logs.duplicates")
                .description("Redelivered log records skipped because they were already stored")
                .register(registry);
    }

    @Transactional
    public List<LogLine> store(List<NewLogLine> lines) throws SQLException {
        List<LogLine> inserted = store.insert(lines);
        stored.increment(inserted.size());
        duplicates.increment(lines.size() - inserted.size());
        return inserted;
    }
}
