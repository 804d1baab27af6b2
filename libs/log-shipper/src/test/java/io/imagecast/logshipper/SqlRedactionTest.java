package io.imagecast.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.log.LogRecord;
import java.sql.BatchUpdateException;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Database errors as Hibernate, pgJDBC and PostgreSQL word them: the shipped line holds no SQL. */
class SqlRedactionTest {
    private static final String INSERT = "insert into session (id,name,image_dir) values (?,?,?)";
    private static final String SELECT_LOGS = "select l.id,l.message from log_line l where l.message ~ ? order by l.ts";

    private final LogShipper shipper = new LogShipper(
            ShipperSettings.defaults("session-service", "node-a", "unused:9092"),
            settings -> new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()));
    private final KafkaLogHandler handler = new KafkaLogHandler(shipper);

    @AfterEach
    void close() {
        shipper.close();
    }

    @Test
    void hibernateExceptionsKeepTheServerMessageButNotTheStatementOrRowValues() {
        PSQLException server = serverError(
                "23505",
                "duplicate key value violates unique constraint \"session_name_key\"",
                "Key (name)=(nightly-lab-3) already exists.",
                null);
        // Worded as Hibernate's SqlExceptionHelper does: the server's message, then the statement.
        var hibernate = new ConstraintViolationException(
                "could not execute statement [" + server.getMessage() + "] [" + INSERT + "]", server, INSERT);

        LogRecord shipped =
                ship(Level.SEVERE, "org.hibernate.engine.jdbc.spi.SqlExceptionHelper", server.getMessage(), hibernate);

        assertThat(shipped.message())
                .contains("duplicate key value violates unique constraint")
                .doesNotContain("nightly-lab-3");
        assertThat(shipped.exception())
                .contains("could not execute statement", "duplicate key value", SqlRedaction.OMITTED)
                .doesNotContain("insert into", "nightly-lab-3");
    }

    @Test
    void aStatementTimeoutKeepsItsSqlStateWithoutTheQuery() {
        PSQLException server = serverError("57014", "canceling statement due to statement timeout", null, null);
        var hibernate = new GenericJDBCException(
                "JDBC exception executing SQL [" + server.getMessage() + "] [" + SELECT_LOGS + "]",
                server,
                SELECT_LOGS);

        LogRecord shipped =
                ship(Level.SEVERE, "io.imagecast.service.problem.UnexpectedErrorMapper", "unexpected error", hibernate);

        assertThat(shipped.exception())
                .contains("canceling statement due to statement timeout")
                .doesNotContain("log_line", "select l.id");
    }

    @Test
    void serverContextLinesThatQuoteStatementsAreDropped() {
        PSQLException server = serverError(
                "42P01", "relation \"missing\" does not exist", null, "SQL statement \"SELECT secret FROM missing\"");
        assertThat(server.getMessage()).as("pgJDBC prints the context").contains("SELECT secret");

        LogRecord shipped =
                ship(Level.WARNING, "io.imagecast.logs.store.LogStore", "query failed: " + server.getMessage(), null);

        assertThat(shipped.message())
                .contains("relation \"missing\" does not exist")
                .doesNotContain("SELECT secret");
    }

    @Test
    void batchFailuresDoNotNameTheStatement() {
        var batch = new BatchUpdateException(
                "Batch entry 0 insert into log_line (ts,message) values ('2026-12-03','token=abc') was aborted:"
                        + " ERROR: value too long  Call getNextException to see other errors in the batch.",
                "22001",
                0,
                new long[0],
                null);

        LogRecord shipped = ship(Level.WARNING, "io.imagecast.logs.ingest.Writer", "batch failed", batch);

        assertThat(shipped.exception())
                .contains("Batch entry 0", "was aborted", "value too long")
                .doesNotContain("insert into", "token=abc");
    }

    @Test
    void flywayStatementSectionsAreCut() {
        String flyway = "Migration V3__add.sql failed\n-------------------------\nSQL State  : 42601\nError Code : 0\n"
                + "Message    : ERROR: syntax error\nLocation   : db/migration/V3__add.sql\nLine       : 1\n"
                + "Statement  : ALTER TABLE session ADD COLUMN x\n  INT";

        assertThat(SqlRedaction.redact(flyway))
                .contains("SQL State  : 42601", "Statement: " + SqlRedaction.OMITTED)
                .doesNotContain("ALTER TABLE");
    }

    @Test
    void hibernatesOwnStatementLoggersAreNotShipped() {
        java.util.logging.LogRecord sql = new java.util.logging.LogRecord(Level.SEVERE, SELECT_LOGS);
        sql.setLoggerName("org.hibernate.SQL");

        handler.publish(sql);

        assertThat(shipper.stats().accepted()).isZero();
    }

    @Test
    void ordinaryLinesAreUntouched() {
        String line = "session 42 [with 3 receivers] accepted: 2 file(s) [select the fastest]";
        assertThat(SqlRedaction.redact(line)).isEqualTo(line);
        assertThat(SqlRedaction.redact("plain")).isSameAs("plain");
    }

    private LogRecord ship(Level level, String logger, String message, Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT, logger);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return handler.toLogRecord(record);
    }

    private static PSQLException serverError(String state, String message, String detail, String where) {
        StringBuilder fields = new StringBuilder()
                .append("SERROR\0")
                .append("C")
                .append(state)
                .append('\0')
                .append("M")
                .append(message)
                .append('\0');
        if (detail != null) {
            fields.append("D").append(detail).append('\0');
        }
        if (where != null) {
            fields.append("W").append(where).append('\0');
        }
        return new PSQLException(new ServerErrorMessage(fields.toString()));
    }
}
