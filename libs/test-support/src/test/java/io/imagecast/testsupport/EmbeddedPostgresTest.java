package io.imagecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void storesAndReadsRowsInAFreshDatabaseAndStopsCleanly() throws Exception {
        Path dataDir;
        String url;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            System.out.println(
                    "PostgreSQL initdb+start took " + postgres.startupTime().toMillis() + " ms");
            url = postgres.createDatabase("roundtrip");
            dataDir = postgres.baseDir();
            try (Connection connection = EmbeddedPostgres.connect(url, postgres.username(), postgres.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE image (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
                statement.execute("INSERT INTO image VALUES (1, 'win11.img'), (2, 'ubuntu.img')");
                try (ResultSet rows = statement.executeQuery("SELECT name FROM image ORDER BY id")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("win11.img");
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("ubuntu.img");
                    assertThat(rows.next()).isFalse();
                }
                try (ResultSet server = statement.executeQuery("SHOW listen_addresses")) {
                    server.next();
                    assertThat(server.getString(1)).isEqualTo("127.0.0.1");
                }
            }
        }

        assertThatThrownBy(() -> EmbeddedPostgres.connect(url, EmbeddedPostgres.USER, "any")
                        .close())
                .isInstanceOf(SQLException.class);
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void rejectsDatabaseNamesThatWouldNeedQuoting() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keepsDataAcrossRestartsInAGivenDirectory() throws Exception {
        Path base = Files.createTempDirectory("imagecast-pg-persist-");
        try {
            try (EmbeddedPostgres first = EmbeddedPostgres.start(base)) {
                String url = first.createDatabase("kept");
                try (Connection c = EmbeddedPostgres.connect(url, first.username(), first.password());
                        Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (v TEXT)");
                    s.execute("INSERT INTO t VALUES ('survives')");
                }
            }
            try (EmbeddedPostgres second = EmbeddedPostgres.start(base);
                    Connection c =
                            EmbeddedPostgres.connect(second.jdbcUrl("kept"), second.username(), second.password());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT v FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("survives");
            }
        } finally {
            ChildProcesses.deleteRecursively(base);
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackOnTheSamePortWithItsData() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.createDatabase("outage");
            try (Connection c = EmbeddedPostgres.connect(url, postgres.username(), postgres.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
                s.execute("INSERT INTO t VALUES ('kept')");
            }

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> EmbeddedPostgres.connect(url, postgres.username(), postgres.password())
                            .close())
                    .isInstanceOf(SQLException.class);

            postgres.restart();
            try (Connection c = EmbeddedPostgres.connect(url, postgres.username(), postgres.password());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT v FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        }
    }
}
