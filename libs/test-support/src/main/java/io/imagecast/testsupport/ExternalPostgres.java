package io.imagecast.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server named by {@code IMAGECAST_DB_URL}: each test JVM gets a fresh database on it
 * when the account may create one, else the configured database itself.
 */
final class ExternalPostgres {

    private static final System.Logger LOG = System.getLogger(ExternalPostgres.class.getName());
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

    private final TestDatabase configured;
    private String createdDatabase;
    private TestDatabase database;

    ExternalPostgres(String url, String username, String password) {
        this.configured = new TestDatabase(url, username, password);
    }

    TestDatabase open(String freshName) {
        Matcher matcher = URL.matcher(configured.jdbcUrl());
        if (!matcher.matches()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "IMAGECAST_DB_URL is not a jdbc:postgresql://host:port/db URL; using it unchanged");
            database = configured;
            return database;
        }
        try (Connection connection =
                        EmbeddedPostgres.connect(configured.jdbcUrl(), configured.username(), configured.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + freshName);
            createdDatabase = freshName;
            String suffix = matcher.group(3) == null ? "" : matcher.group(3);
            database = new TestDatabase(
                    matcher.group(1) + freshName + suffix, configured.username(), configured.password());
        } catch (SQLException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Cannot create a fresh database on IMAGECAST_DB_URL (" + e.getMessage()
                            + "); tests share the configured database");
            database = configured;
        }
        return database;
    }

    void close() {
        if (createdDatabase == null) {
            return;
        }
        try (Connection connection =
                        EmbeddedPostgres.connect(configured.jdbcUrl(), configured.username(), configured.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not drop test database " + createdDatabase + ": " + e.getMessage());
        }
    }
}
