package io.imagecast.logs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.logs.logql.LogQLParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineFilterSqlTest {
    private static final Instant FROM = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-25T11:00:00Z");

    @Test
    void buildsAnchoredLabelRegexesAndEscapedLikePatterns() {
        Selector selector = LogQLParser.parseLogQuery(
                        "{service=\"s\", node!=\"n\", level=~\"warn|error\", session!~\"x.*\"} |= \"50%_done\\\\\" != \"a\" |~ \"b+\" !~ \"c\"")
                .selector();

        SqlFragment where = LineFilterSql.where(selector, FROM, TO);

        assertThat(where.sql())
                .isEqualTo(
                        "ts >= ? AND ts < ? AND service = ? AND node <> ? AND level ~ ? AND session_id !~ ?"
                                + " AND message LIKE ? ESCAPE '\\' AND message NOT LIKE ? ESCAPE '\\' AND message ~ ? AND message !~ ?");
        assertThat(where.params())
                .containsExactly(
                        FROM, TO, "s", "n", "^(?:warn|error)$", "^(?:x.*)$", "%50\\%\\_done\\\\%", "%a%", "b+", "c");
    }

    @Test
    void emptySelectorOnlyConstrainsTime() {
        SqlFragment where = LineFilterSql.where(Selector.all(), FROM, TO);
        assertThat(where.sql()).isEqualTo("ts >= ? AND ts < ?");
        assertThat(LineFilterSql.selectorOnly(Selector.all()).sql()).isEmpty();
    }

    @Test
    void inMemoryMatchingAgreesWithLokiSemantics() {
        Selector selector = LogQLParser.parseLogQuery("{level=~\"warn|error\", session=\"\"} |~ \"time(d)? ?out\"")
                .selector();
        java.util.Map<Label, String> labels = new java.util.EnumMap<>(Label.class);
        labels.put(Label.LEVEL, "warn");
        labels.put(Label.SESSION, "");
        assertThat(selector.matches(labels, "receiver timed-out")).isFalse();
        assertThat(selector.matches(labels, "receiver timeout after 30s")).isTrue();
        labels.put(Label.LEVEL, "warning"); // anchored: "warn" does not match "warning"
        assertThat(selector.matches(labels, "receiver timeout")).isFalse();
    }
}
