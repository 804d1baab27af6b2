package io.imagecast.logs.service;

import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.PartitionMaintainer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Creates upcoming daily partitions and drops expired ones, at start-up and every hour; builds the
 * text-search index of each day once it is over, off the start-up path (a build takes a while).
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final PartitionMaintainer maintainer;
    private final LogsConfig config;
    private final Clock clock = Clock.systemUTC();

    public RetentionJob(DataSource dataSource, LogsConfig config) {
        this.maintainer = new PartitionMaintainer(dataSource);
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        run();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        run();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourlyIndexing() {
        indexClosedDays();
    }

    /** Builds the trigram index of every finished day that lacks one. */
    public void indexClosedDays() {
        try {
            List<String> indexed = maintainer.indexClosedPartitions(clock.instant());
            if (!indexed.isEmpty()) {
                LOG.infof("text-search index built for finished days %s", indexed);
            }
        } catch (SQLException e) {
            LOG.errorf("building text-search indexes failed: %s", e.getMessage());
        }
    }

    public void run() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.retention().period());
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        try {
            LocalDate first = cutoff.atZone(ZoneOffset.UTC).toLocalDate();
            List<String> created = maintainer.createPartitions(
                    first.isAfter(today.minusDays(1)) ? today.minusDays(1) : first,
                    today.plusDays(config.retention().partitionsAhead()));
            List<String> dropped = maintainer.dropPartitionsBefore(cutoff);
            if (!created.isEmpty() || !dropped.isEmpty()) {
                LOG.infof(
                        "log partitions created %s, dropped %s (retention %s)",
                        created, dropped, config.retention().period());
            }
        } catch (SQLException e) {
            LOG.errorf("log partition maintenance failed: %s", e.getMessage());
        }
    }
}
