package io.imagecast.logs.logql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.logs.domain.InvalidQueryException;
import org.junit.jupiter.api.Test;

/** Queries a hostile client sends are refused by the parser, before they cost a stack or a query. */
class LogQLLimitsTest {

    @Test
    void deeplyNestedParenthesesAreRefusedInsteadOfOverflowingTheStack() {
        String query = "(".repeat(2_000) + "vector(1)" + ")".repeat(2_000);

        assertThatThrownBy(() -> LogQLParser.parse(query))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void aLongChainOfOperatorsIsRefused() {
        String query = "vector(1)" + "+vector(1)".repeat(5_000);

        assertThatThrownBy(() -> LogQLParser.parse(query))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("operators");
    }

    @Test
    void aRangeBeyondTenYearsIsRefused() {
        assertThatThrownBy(() -> LogQLParser.parse("count_over_time({service=\"x\"}[99999999999d])"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("duration");
    }

    @Test
    void aRepetitionCountPostgresCannotCompileIsRefused() {
        assertThatThrownBy(() -> LogQLParser.parse("{service=\"x\"} |~ \"a{1000000}\""))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("255");
        assertThatThrownBy(() -> LogQLParser.parse("{service=~\"a{2,300}\"}"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("255");
    }
}
