package io.imagecast.outbox;

import io.imagecast.testsupport.SharedInfrastructure;
import io.imagecast.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The shared test database with an empty outbox table. */
final class OutboxTables {
    private OutboxTables() {}

    static DataSource freshOutbox() throws SQLException, IOException {
        TestDatabase database = SharedInfrastructure.database();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        String ddl;
        try (InputStream in = OutboxTables.class.getResourceAsStream("/outbox_message.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists outbox_message");
            statement.execute(ddl);
        }
        return dataSource;
    }

    /** Writes one row of the given topic and value in a transaction of its own. */
    static void commitRow(DataSource dataSource, String topic, String value) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OutboxWriter.write(
                    connection,
                    new OutboxMessage(
                            UUID.randomUUID().toString(),
                            topic,
                            "node-1",
                            "test.row",
                            null,
                            Instant.now(),
                            value.getBytes(StandardCharsets.UTF_8)));
            connection.commit();
        }
    }

    static long count(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return OutboxStore.count(connection);
        }
    }
}
