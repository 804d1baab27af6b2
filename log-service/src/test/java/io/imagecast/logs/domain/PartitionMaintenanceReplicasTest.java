package io.imagecast.logs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of log-service run their partition maintenance against one database at the same
 * moment (both start together, or their hourly runs meet): each day must be created by exactly one
 * of them, and neither may fail.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class PartitionMaintenanceReplicasTest {
    private static final int ROUNDS = 5;

    @Inject
    DataSource dataSource;

    @Test
    void twoReplicasCreatingTheSameDaysAtOnceCreateEachDayOnce() throws Exception {
        // Far enough ahead that the service's own maintenance never creates these days.
        LocalDate first = LocalDate.now(ZoneOffset.UTC).plusDays(400);
        LocalDate last = first.plusDays(5);
        List<String> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(PartitionMaintainer.partitionName(day));
        }
        PartitionMaintainer replicaA = new PartitionMaintainer(dataSource);
        PartitionMaintainer replicaB = new PartitionMaintainer(dataSource);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                drop(days);
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<List<String>> a = () -> {
                    start.await();
                    return replicaA.createPartitions(first, last);
                };
                Callable<List<String>> b = () -> {
                    start.await();
                    return replicaB.createPartitions(first, last);
                };
                Future<List<String>> byA = threads.submit(a);
                Future<List<String>> byB = threads.submit(b);
                List<String> created = new ArrayList<>(byA.get());
                created.addAll(byB.get());

                assertThat(created).as("round %d", round).containsExactlyInAnyOrderElementsOf(days);
            }
        } finally {
            threads.shutdownNow();
            drop(days);
        }
    }

    private void drop(List<String> partitions) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String partition : partitions) {
                statement.execute("DROP TABLE IF EXISTS " + partition);
            }
        }
    }
}
