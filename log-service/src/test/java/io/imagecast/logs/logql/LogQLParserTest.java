package io.imagecast.logs.logql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.logs.domain.InvalidQueryException;
import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.LabelMatcher;
import io.imagecast.logs.domain.LabelMatcher.MatchOp;
import io.imagecast.logs.domain.LineFilter;
import io.imagecast.logs.domain.LineFilter.FilterOp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogQLParserTest {

    @Test
    void parsesSelectorWithAllMatcherKindsAndLineFilters() {
        Expr expr = LogQLParser.parse(
                "{service=\"sender-service\", node!=\"n2\", level=~\"warn|error\", session!~`s-1.*`} |= \"timeout\" != \"retry\" |~ \"rx [0-9]+\" !~ `(?i)debug`");

        Expr.LogExpr log = (Expr.LogExpr) expr;
        assertThat(log.selector().matchers())
                .containsExactly(
                        new LabelMatcher(Label.SERVICE, MatchOp.EQ, "sender-service"),
                        new LabelMatcher(Label.NODE, MatchOp.NEQ, "n2"),
                        new LabelMatcher(Label.LEVEL, MatchOp.RE, "warn|error"),
                        new LabelMatcher(Label.SESSION, MatchOp.NRE, "s-1.*"));
        assertThat(log.selector().lineFilters())
                .containsExactly(
                        new LineFilter(FilterOp.CONTAINS, "timeout"),
                        new LineFilter(FilterOp.NOT_CONTAINS, "retry"),
                        new LineFilter(FilterOp.MATCHES, "rx [0-9]+"),
                        new LineFilter(FilterOp.NOT_MATCHES, "(?i)debug"));
    }

    @Test
    void decodesEscapesInDoubleQuotedStrings() {
        Expr.LogExpr log = LogQLParser.parseLogQuery("{service=\"a\\\"b\"} |~ \"\\\\d+\\n\"");
        assertThat(log.selector().matchers().get(0).value()).isEqualTo("a\"b");
        assertThat(log.selector().lineFilters().get(0).value()).isEqualTo("\\d+\n");
    }

    @Test
    void emptySelectorSelectsEverything() {
        Expr.LogExpr log = LogQLParser.parseLogQuery("{}");
        assertThat(log.selector().matchers()).isEmpty();
    }

    @Test
    void parsesVolumeHistogramQueryBothGroupingPositions() {
        Expr before = LogQLParser.parse("sum by (level) (count_over_time({service=\"x\"} |= \"a\" [1m]))");
        Expr after = LogQLParser.parse("sum(count_over_time({service=\"x\"} |= \"a\"[1m])) by (level)");

        assertThat(before).isEqualTo(after);
        Expr.VectorAggregation sum = (Expr.VectorAggregation) before;
        assertThat(sum.op()).isEqualTo(Expr.AggregateOp.SUM);
        assertThat(sum.grouping()).containsExactly(Label.LEVEL);
        Expr.RangeAggregation range = (Expr.RangeAggregation) sum.inner();
        assertThat(range.function()).isEqualTo(Expr.RangeFunction.COUNT_OVER_TIME);
        assertThat(range.range()).isEqualTo(Duration.ofMinutes(1));
        assertThat(range.log().selector().lineFilters()).hasSize(1);
    }

    @Test
    void parsesRateAndCompoundDurations() {
        Expr.RangeAggregation rate = (Expr.RangeAggregation) LogQLParser.parse("rate({level=\"error\"}[1h30m])");
        assertThat(rate.function()).isEqualTo(Expr.RangeFunction.RATE);
        assertThat(rate.range()).isEqualTo(Duration.ofMinutes(90));
        assertThat(((Expr.RangeAggregation) LogQLParser.parse("rate({level=\"error\"}[250ms])")).range())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void parsesGrafanaHealthCheckArithmetic() {
        Expr expr = LogQLParser.parse("vector(1)+vector(1)");
        assertThat(expr).isEqualTo(new Expr.Binary('+', new Expr.Literal(1, true), new Expr.Literal(1, true)));
        assertThat(LogQLParser.parse("2 * (vector(3) - 1)"))
                .isEqualTo(new Expr.Binary(
                        '*',
                        new Expr.Literal(2, false),
                        new Expr.Binary('-', new Expr.Literal(3, true), new Expr.Literal(1, false))));
    }

    @Test
    void multiplicationBindsTighterThanAddition() {
        Expr expr = LogQLParser.parse("1 + 2 * 3");
        assertThat(expr)
                .isEqualTo(new Expr.Binary(
                        '+',
                        new Expr.Literal(1, false),
                        new Expr.Binary('*', new Expr.Literal(2, false), new Expr.Literal(3, false))));
    }

    @Test
    void reportsSyntaxErrorsWithColumnLikeLoki() {
        assertThatThrownBy(() -> LogQLParser.parse("{service=\"x\""))
                .isInstanceOf(LogQLParseException.class)
                .hasMessage("parse error at line 1, col 13: syntax error: unexpected end of input");
        assertThatThrownBy(() -> LogQLParser.parse("{service=x}"))
                .hasMessageStartingWith("parse error at line 1, col 10: syntax error: unexpected IDENTIFIER x");
        assertThatThrownBy(() -> LogQLParser.parse("")).hasMessageContaining("empty query");
        assertThatThrownBy(() -> LogQLParser.parse("{service=\"x\"} |= \"unterminated"))
                .hasMessageContaining("unterminated string");
    }

    @Test
    void refusesUnsupportedLogQLClearly() {
        for (String query : List.of(
                "{service=\"x\"} | json",
                "{service=\"x\"} | logfmt | level=\"error\"",
                "bytes_over_time({service=\"x\"}[1m])",
                "sum without (level) (count_over_time({service=\"x\"}[1m]))",
                "topk(3, count_over_time({service=\"x\"}[1m]))")) {
            assertThatThrownBy(() -> LogQLParser.parse(query))
                    .as(query)
                    .isInstanceOf(LogQLParseException.class)
                    .hasMessageContaining("not supported");
        }
    }

    @Test
    void refusesUnknownLabelsBadRegexAndBadDurations() {
        assertThatThrownBy(() -> LogQLParser.parse("{job=\"x\"}")).hasMessageContaining("unknown label job");
        assertThatThrownBy(() -> LogQLParser.parse("{service=~\"(\"}"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> LogQLParser.parse("count_over_time({service=\"x\"}[5q])"))
                .hasMessageContaining("bad duration 5q");
        assertThatThrownBy(() -> LogQLParser.parse("sum(vector(1))")).hasMessageContaining("needs a metric expression");
    }

    @Test
    void logQueryOnlyEndpointsRejectMetricQueries() {
        assertThatThrownBy(() -> LogQLParser.parseLogQuery("rate({service=\"x\"}[1m])"))
                .hasMessageContaining("only log queries");
    }
}
