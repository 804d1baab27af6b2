package io.imagecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The fallback for machines without installed server binaries really runs a server. */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class BundledPostgresTest {

    @Test
    void bundledBinariesRunARealServer() throws Exception {
        Path bin = BundledPostgres.extract().orElseThrow();
        assertThat(BundledPostgres.extract()).as("extracted once, then reused").contains(bin);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary(PostgresBinaries.forBinDir(bin));
                Connection connection = EmbeddedPostgres.connect(
                        postgres.createDatabase("bundled"), postgres.username(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
            statement.execute("INSERT INTO t VALUES (42)");
            try (ResultSet rows = statement.executeQuery("SELECT v, current_setting('server_version') FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
                assertThat(rows.getString(2)).startsWith("15.");
            }
        }
    }
}
