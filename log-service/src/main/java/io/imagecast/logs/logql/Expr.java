package io.imagecast.logs.logql;

import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.Selector;
import java.time.Duration;
import java.util.List;

/** The LogQL subset imagecast understands. */
public sealed interface Expr {

    /** {@code {service="x"} |= "text"}: returns log lines. */
    record LogExpr(Selector selector) implements Expr {}

    /** {@code count_over_time(<log>[5m])} or {@code rate(<log>[5m])}: one series per label set. */
    record RangeAggregation(RangeFunction function, LogExpr log, Duration range) implements Expr {}

    /** {@code sum by (level) (<metric>)}; {@code grouping} empty means one series without labels. */
    record VectorAggregation(AggregateOp op, List<Label> grouping, Expr inner) implements Expr {}

    /** A number, or {@code vector(n)}: a constant sample without labels. */
    record Literal(double value, boolean vector) implements Expr {}

    record Binary(char op, Expr left, Expr right) implements Expr {}

    enum RangeFunction {
        COUNT_OVER_TIME("count_over_time"),
        RATE("rate");

        private final String logql;

        RangeFunction(String logql) {
            this.logql = logql;
        }

        public String logql() {
            return logql;
        }
    }

    enum AggregateOp {
        SUM,
        MIN,
        MAX,
        AVG,
        COUNT
    }

    default boolean isLogQuery() {
        return this instanceof LogExpr;
    }
}
