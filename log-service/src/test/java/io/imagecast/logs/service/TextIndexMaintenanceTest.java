package io.imagecast.logs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.logs.domain.PartitionMaintainer;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Finished days get their trigram index from the maintenance job; the current day does not. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class TextIndexMaintenanceTest {
    @Inject
    DataSource dataSource;

    @Inject
    RetentionJob retention;

    @Test
    void finishedDaysAreIndexedOnceAndTodayIsLeftToTheTimeIndex() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String yesterday = PartitionMaintainer.partitionName(today.minusDays(1)) + "_message_trgm";
        String current = PartitionMaintainer.partitionName(today) + "_message_trgm";

        retention.indexClosedDays();
        retention.indexClosedDays(); // a second pass finds nothing left to build

        assertThat(indexValid(yesterday)).contains(true);
        assertThat(indexValid(current)).isEmpty();
        assertThat(usesIndex("EXPLAIN SELECT id FROM " + PartitionMaintainer.partitionName(today.minusDays(1))
                        + " WHERE message LIKE '%needle-xyz%'"))
                .as("the planner can use the built index")
                .isTrue();
    }

    private Optional<Boolean> indexValid(String index) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            query.setString(1, index);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBoolean(1)) : Optional.empty();
            }
        }
    }

    private boolean usesIndex(String explain) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement off = connection.prepareStatement("SET LOCAL enable_seqscan = off")) {
                off.execute();
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement statement = connection.prepareStatement(explain);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            } finally {
                connection.rollback();
            }
            return plan.toString().contains("_message_trgm");
        }
    }
}
