package io.imagecast.logs.service;

import io.imagecast.logs.domain.InvalidQueryException;
import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.LogStore;
import io.imagecast.logs.domain.SeriesCount;
import io.imagecast.logs.logql.Expr;
import io.imagecast.logs.logql.Expr.RangeFunction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * Evaluates metric LogQL at {@code start, start+step, ... <= end}. {@code sum by} over a range
 * aggregation is pushed down to SQL so only the grouped counts leave the database.
 */
@ApplicationScoped
public class MetricEvaluator {
    private final LogStore store;

    public MetricEvaluator(LogStore store) {
        this.store = store;
    }

    public MetricResult evaluate(Expr expr, Instant start, Instant end, Duration step) throws SQLException {
        if (expr.isLogQuery()) {
            throw new InvalidQueryException("log queries are not metric queries");
        }
        boolean scalar = expr instanceof Expr.Literal literal && !literal.vector();
        return new MetricResult(eval(expr, start, end, step), scalar);
    }

    private List<Series> eval(Expr expr, Instant start, Instant end, Duration step) throws SQLException {
        if (expr instanceof Expr.Literal literal) {
            return List.of(constant(literal.value(), start, end, step));
        }
        if (expr instanceof Expr.RangeAggregation range) {
            return rangeAggregation(range, start, end, step, EnumSet.allOf(Label.class));
        }
        if (expr instanceof Expr.VectorAggregation aggregation) {
            return vectorAggregation(aggregation, start, end, step);
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary, start, end, step);
        }
        throw new InvalidQueryException("log queries are not metric queries");
    }

    private static Series constant(double value, Instant start, Instant end, Duration step) {
        TreeMap<Instant, Double> samples = new TreeMap<>();
        for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
            samples.put(t, value);
        }
        return new Series(Map.of(), samples);
    }

    private List<Series> rangeAggregation(
            Expr.RangeAggregation range, Instant start, Instant end, Duration step, EnumSet<Label> groupBy)
            throws SQLException {
        List<SeriesCount> counts =
                store.countOverTime(range.log().selector(), start, end, step, range.range(), groupBy);
        double divisor = range.function() == RangeFunction.RATE ? range.range().toMillis() / 1000.0 : 1.0;
        Map<Map<String, String>, TreeMap<Instant, Double>> bySeries = new LinkedHashMap<>();
        for (SeriesCount count : counts) {
            Map<String, String> labels = new TreeMap<>();
            count.labels().forEach((label, value) -> {
                if (value != null && !value.isEmpty()) {
                    labels.put(label.lokiName(), value);
                }
            });
            bySeries.computeIfAbsent(labels, k -> new TreeMap<>())
                    .merge(count.at(), count.count() / divisor, Double::sum);
        }
        List<Series> series = new ArrayList<>();
        bySeries.forEach((labels, samples) -> series.add(new Series(labels, samples)));
        return series;
    }

    private List<Series> vectorAggregation(
            Expr.VectorAggregation aggregation, Instant start, Instant end, Duration step) throws SQLException {
        List<Series> inner;
        if (aggregation.op() == Expr.AggregateOp.SUM && aggregation.inner() instanceof Expr.RangeAggregation range) {
            EnumSet<Label> groupBy = EnumSet.noneOf(Label.class);
            groupBy.addAll(aggregation.grouping());
            inner = rangeAggregation(range, start, end, step, groupBy);
        } else {
            inner = eval(aggregation.inner(), start, end, step);
        }
        Map<Map<String, String>, Map<Instant, List<Double>>> groups = new LinkedHashMap<>();
        for (Series series : inner) {
            Map<String, String> key = new TreeMap<>();
            for (Label label : aggregation.grouping()) {
                String value = series.labels().get(label.lokiName());
                if (value != null) {
                    key.put(label.lokiName(), value);
                }
            }
            Map<Instant, List<Double>> samples = groups.computeIfAbsent(key, k -> new TreeMap<>());
            series.samples()
                    .forEach((t, v) ->
                            samples.computeIfAbsent(t, k -> new ArrayList<>()).add(v));
        }
        List<Series> result = new ArrayList<>();
        groups.forEach((labels, samples) -> {
            TreeMap<Instant, Double> values = new TreeMap<>();
            samples.forEach((t, vs) -> values.put(t, aggregate(aggregation.op(), vs)));
            result.add(new Series(labels, values));
        });
        return result;
    }

    private static double aggregate(Expr.AggregateOp op, List<Double> values) {
        return switch (op) {
            case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
            case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            case AVG ->
                values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case COUNT -> values.size();
        };
    }

    private List<Series> binary(Expr.Binary binary, Instant start, Instant end, Duration step) throws SQLException {
        DoubleBinaryOperator op = switch (binary.op()) {
            case '+' -> Double::sum;
            case '-' -> (a, b) -> a - b;
            case '*' -> (a, b) -> a * b;
            default -> (a, b) -> a / b;
        };
        List<Series> left = eval(binary.left(), start, end, step);
        List<Series> right = eval(binary.right(), start, end, step);
        boolean leftConstant = binary.left() instanceof Expr.Literal;
        boolean rightConstant = binary.right() instanceof Expr.Literal;
        List<Series> result = new ArrayList<>();
        if (leftConstant || rightConstant) {
            Series constant = leftConstant ? left.get(0) : right.get(0);
            List<Series> others = leftConstant ? right : left;
            for (Series other : others) {
                TreeMap<Instant, Double> samples = new TreeMap<>();
                other.samples().forEach((t, v) -> {
                    Double c = constant.samples().get(t);
                    if (c != null) {
                        samples.put(t, leftConstant ? op.applyAsDouble(c, v) : op.applyAsDouble(v, c));
                    }
                });
                // Vector-scalar arithmetic drops the metric name only; labels stay.
                result.add(new Series(other.labels(), samples));
            }
            return result;
        }
        // Two vectors: one-to-one matching on identical label sets.
        Map<Map<String, String>, Series> rightByLabels = new HashMap<>();
        right.forEach(series -> rightByLabels.put(series.labels(), series));
        for (Series l : left) {
            Series r = rightByLabels.get(l.labels());
            if (r == null) {
                continue;
            }
            TreeMap<Instant, Double> samples = new TreeMap<>();
            l.samples().forEach((t, v) -> {
                Double other = r.samples().get(t);
                if (other != null) {
                    samples.put(t, op.applyAsDouble(v, other));
                }
            });
            result.add(new Series(l.labels(), samples));
        }
        return result;
    }
}
