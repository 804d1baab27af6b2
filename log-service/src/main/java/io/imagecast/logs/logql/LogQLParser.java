package io.imagecast.logs.logql;

import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.LabelMatcher;
import io.imagecast.logs.domain.LabelMatcher.MatchOp;
import io.imagecast.logs.domain.LineFilter;
import io.imagecast.logs.domain.LineFilter.FilterOp;
import io.imagecast.logs.domain.Selector;
import io.imagecast.logs.logql.Expr.AggregateOp;
import io.imagecast.logs.logql.Expr.RangeFunction;
import io.imagecast.logs.logql.Token.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for the supported LogQL subset:
 *
 * <pre>
 * expr      := term (('+' | '-') term)*
 * term      := factor (('*' | '/') factor)*
 * factor    := NUMBER | 'vector' '(' NUMBER ')' | '(' expr ')' | aggregate | range | log
 * aggregate := ('sum'|'min'|'max'|'avg'|'count') [by] '(' expr ')' [by]
 * by        := 'by' '(' label (',' label)* ')'
 * range     := ('count_over_time' | 'rate') '(' log '[' DURATION ']' ')'
 * log       := '{' matcher (',' matcher)* '}' (('|=' | '!=' | '|~' | '!~') STRING)*
 * </pre>
 */
public final class LogQLParser {
    private final List<Token> tokens;
    private int index;

    static final int MAX_DEPTH = 64;
    static final int MAX_OPERATORS = 200;

    private int depth;
    private int operators;

    private LogQLParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw new LogQLParseException(1, "syntax error: empty query");
        }
        LogQLParser parser = new LogQLParser(Lexer.tokenize(query));
        Expr expr = parser.expression();
        parser.expect(Kind.EOF, null);
        return expr;
    }

    /** Parses a query that must be a log query (stream selector plus line filters). */
    public static Expr.LogExpr parseLogQuery(String query) {
        Expr expr = parse(query);
        if (expr instanceof Expr.LogExpr log) {
            return log;
        }
        throw new LogQLParseException(1, "only log queries (a stream selector) are accepted here");
    }

    private Expr expression() {
        // Parsing and evaluating recurse once per level and per operator: bounded, no stack overflow.
        if (++depth > MAX_DEPTH) {
            throw new LogQLParseException(peek().column(), "query nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            return sum();
        } finally {
            depth--;
        }
    }

    private Expr sum() {
        Expr left = term();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            countOperator();
            char op = advance().text().charAt(0);
            left = new Expr.Binary(op, left, term());
        }
        return left;
    }

    private Expr term() {
        Expr left = factor();
        while (peek().isSymbol("*") || peek().isSymbol("/")) {
            countOperator();
            char op = advance().text().charAt(0);
            left = new Expr.Binary(op, left, factor());
        }
        return left;
    }

    private void countOperator() {
        if (++operators > MAX_OPERATORS) {
            throw new LogQLParseException(peek().column(), "query has more than " + MAX_OPERATORS + " operators");
        }
    }

    private Expr factor() {
        Token token = peek();
        if (token.kind() == Kind.NUMBER) {
            advance();
            return new Expr.Literal(number(token), false);
        }
        if (token.isSymbol("-") && peekAt(1).kind() == Kind.NUMBER) {
            advance();
            return new Expr.Literal(-number(advance()), false);
        }
        if (token.isSymbol("(")) {
            advance();
            Expr inner = expression();
            expect(Kind.SYMBOL, ")");
            return inner;
        }
        if (token.isSymbol("{")) {
            return logExpr();
        }
        if (token.kind() == Kind.IDENT) {
            String name = token.text();
            switch (name) {
                case "vector" -> {
                    advance();
                    expect(Kind.SYMBOL, "(");
                    Token value = expect(Kind.NUMBER, null);
                    expect(Kind.SYMBOL, ")");
                    return new Expr.Literal(number(value), true);
                }
                case "count_over_time", "rate" -> {
                    return rangeAggregation();
                }
                case "sum", "min", "max", "avg", "count" -> {
                    return vectorAggregation();
                }
                default -> throw unsupported(token);
            }
        }
        throw unexpected(token);
    }

    private Expr rangeAggregation() {
        Token name = advance();
        RangeFunction function = name.text().equals("rate") ? RangeFunction.RATE : RangeFunction.COUNT_OVER_TIME;
        expect(Kind.SYMBOL, "(");
        Expr.LogExpr log = logExpr();
        expect(Kind.SYMBOL, "[");
        Token durationToken = expect(Kind.DURATION, null);
        Duration range = Durations.parse(durationToken.text(), durationToken.column());
        expect(Kind.SYMBOL, "]");
        expect(Kind.SYMBOL, ")");
        return new Expr.RangeAggregation(function, log, range);
    }

    private Expr vectorAggregation() {
        Token name = advance();
        AggregateOp op = AggregateOp.valueOf(name.text().toUpperCase(Locale.ROOT));
        List<Label> grouping = List.of();
        boolean grouped = false;
        if (peek().is(Kind.IDENT, "by")) {
            grouping = grouping();
            grouped = true;
        } else if (peek().is(Kind.IDENT, "without")) {
            throw unsupported(peek());
        }
        expect(Kind.SYMBOL, "(");
        Expr inner = expression();
        expect(Kind.SYMBOL, ")");
        if (!grouped && peek().is(Kind.IDENT, "by")) {
            grouping = grouping();
        } else if (peek().is(Kind.IDENT, "without")) {
            throw unsupported(peek());
        }
        if (inner.isLogQuery() || inner instanceof Expr.Literal) {
            throw new LogQLParseException(
                    name.column(), name.text() + " needs a metric expression, e.g. count_over_time({...}[1m])");
        }
        return new Expr.VectorAggregation(op, grouping, inner);
    }

    private List<Label> grouping() {
        advance();
        expect(Kind.SYMBOL, "(");
        List<Label> labels = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            labels.add(label(expect(Kind.IDENT, null)));
            while (peek().isSymbol(",")) {
                advance();
                labels.add(label(expect(Kind.IDENT, null)));
            }
        }
        expect(Kind.SYMBOL, ")");
        return List.copyOf(labels);
    }

    private Expr.LogExpr logExpr() {
        expect(Kind.SYMBOL, "{");
        List<LabelMatcher> matchers = new ArrayList<>();
        if (!peek().isSymbol("}")) {
            matchers.add(matcher());
            while (peek().isSymbol(",")) {
                advance();
                matchers.add(matcher());
            }
        }
        expect(Kind.SYMBOL, "}");
        List<LineFilter> filters = new ArrayList<>();
        while (true) {
            Token token = peek();
            FilterOp op = filterOp(token);
            if (op == null) {
                if (token.isSymbol("|")
                        || (token.kind() == Kind.SYMBOL && token.text().startsWith("|"))) {
                    throw unsupported(token);
                }
                break;
            }
            advance();
            filters.add(new LineFilter(op, expect(Kind.STRING, null).text()));
        }
        return new Expr.LogExpr(new Selector(matchers, filters));
    }

    private LabelMatcher matcher() {
        Token nameToken = expect(Kind.IDENT, null);
        Label label = label(nameToken);
        Token opToken = advance();
        MatchOp op = switch (opToken.text()) {
            case "=" -> MatchOp.EQ;
            case "!=" -> MatchOp.NEQ;
            case "=~" -> MatchOp.RE;
            case "!~" -> MatchOp.NRE;
            default -> throw unexpected(opToken);
        };
        if (opToken.kind() != Kind.SYMBOL) {
            throw unexpected(opToken);
        }
        return new LabelMatcher(label, op, expect(Kind.STRING, null).text());
    }

    private static FilterOp filterOp(Token token) {
        if (token.kind() != Kind.SYMBOL) {
            return null;
        }
        return switch (token.text()) {
            case "|=" -> FilterOp.CONTAINS;
            case "!=" -> FilterOp.NOT_CONTAINS;
            case "|~" -> FilterOp.MATCHES;
            case "!~" -> FilterOp.NOT_MATCHES;
            default -> null;
        };
    }

    private static Label label(Token token) {
        return Label.byName(token.text())
                .orElseThrow(() -> new LogQLParseException(
                        token.column(),
                        "unknown label " + token.text() + "; labels are " + String.join(", ", Label.names())));
    }

    private static double number(Token token) {
        try {
            return Double.parseDouble(token.text());
        } catch (NumberFormatException e) {
            throw new LogQLParseException(token.column(), "syntax error: bad number " + token.text());
        }
    }

    private Token expect(Kind kind, String text) {
        Token token = peek();
        if (token.kind() != kind || (text != null && !token.text().equals(text))) {
            throw unexpected(token);
        }
        return advance();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.EOF) {
            index++;
        }
        return token;
    }

    private static LogQLParseException unexpected(Token token) {
        return new LogQLParseException(token.column(), "syntax error: unexpected " + token.describe());
    }

    private static LogQLParseException unsupported(Token token) {
        return new LogQLParseException(
                token.column(),
                "not supported by imagecast log-service: " + token.describe()
                        + " (supported: stream selectors, line filters, count_over_time, rate, sum/min/max/avg/count by, vector)");
    }
}
