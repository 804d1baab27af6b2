package io.imagecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Quarkus test resources hand out one database and one broker per JVM, both reachable. */
class TestResourcesTest {

    @Test
    void postgresResourceGivesAWorkingDatabaseAndTheSameOneEachTime() throws Exception {
        Map<String, String> first = new PostgresTestResource().start();
        Map<String, String> second = new PostgresTestResource().start();

        assertThat(second).isEqualTo(first);
        assertThat(first.get("quarkus.datasource.jdbc.url"))
                .matches("jdbc:postgresql://.*/imagecast_test_[a-z0-9]{12}.*");
        try (Connection connection = EmbeddedPostgres.connect(
                        first.get("quarkus.datasource.jdbc.url"),
                        first.get("quarkus.datasource.username"),
                        first.get("quarkus.datasource.password"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(first.get("quarkus.datasource.jdbc.url")).contains(rows.getString(1));
        }
    }

    @Test
    void kafkaResourceGivesTheSameLiveBrokerEachTime() {
        Map<String, String> first = new KafkaTestResource().start();
        Map<String, String> second = new KafkaTestResource().start();

        assertThat(second).isEqualTo(first);
        assertThat(first.get("kafka.bootstrap.servers")).matches("[^,]+:\\d+(,[^,]+:\\d+)*");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", first.get("kafka.bootstrap.servers")))) {
            assertThat(admin.describeCluster().nodes()).succeedsWithin(java.time.Duration.ofSeconds(10));
        }
    }
}
