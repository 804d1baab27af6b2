package io.imagecast.logs.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.logs.logql.LogQLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regexes that would cost PostgreSQL seconds of CPU per query are refused before any SQL runs. */
class RegexComplexityTest {

    @Test
    void aLineFilterOfAThousandWildcardsIsRefusedNamingTheLimit() {
        String query = "{service=\"x\"} |~ \"" + ".*".repeat(1_000) + "\"";

        assertThatThrownBy(() -> LogQLParser.parse(query))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at most " + Regexes.MAX_LENGTH + " characters");
    }

    @Test
    void tooManyQuantifiersAreRefusedEvenInAShortRegex() {
        String regex = "a*".repeat(Regexes.MAX_QUANTIFIERS + 1);

        assertThatThrownBy(() -> new LineFilter(LineFilter.FilterOp.MATCHES, regex))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at most " + Regexes.MAX_QUANTIFIERS + " quantifiers");
    }

    @Test
    void tooManyAlternativesAreRefused() {
        String regex = "a|".repeat(Regexes.MAX_ALTERNATIVES + 1) + "a";

        assertThatThrownBy(() -> new LineFilter(LineFilter.FilterOp.MATCHES, regex))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at most " + Regexes.MAX_ALTERNATIVES + " alternatives");
    }

    @Test
    void groupsNestedTooDeeplyAreRefused() {
        String regex = "(".repeat(Regexes.MAX_GROUP_DEPTH + 1) + "a" + ")".repeat(Regexes.MAX_GROUP_DEPTH + 1);

        assertThatThrownBy(() -> new LineFilter(LineFilter.FilterOp.MATCHES, regex))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("nested at most " + Regexes.MAX_GROUP_DEPTH + " deep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+", "(.*)*x", "(?:a|b*){2,}", "((ab)*c)+", "(a+){2,5}"})
    void aQuantifiedGroupThatRepeatsInsideIsRefused(String regex) {
        assertThatThrownBy(() -> new LineFilter(LineFilter.FilterOp.NOT_MATCHES, regex))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("nested quantifier");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "error|warn",
                "transfer [0-9a-f-]{36} (done|failed)",
                "(?:sent|received) \\d+ bytes",
                "[*+?(|]{2}",
                "a*?b+?",
                "\\(a\\+\\)\\+",
                "(ab)+c*",
                "(x[0-9]+)?"
            })
    void everydayRegexesPass(String regex) {
        assertThatCode(() -> new LineFilter(LineFilter.FilterOp.MATCHES, regex)).doesNotThrowAnyException();
    }

    @Test
    void aLabelRegexIsBoundedToo() {
        String query = "{service=~\"" + "(a*)*" + "\"}";

        assertThatThrownBy(() -> LogQLParser.parse(query))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("nested quantifier");
    }
}
