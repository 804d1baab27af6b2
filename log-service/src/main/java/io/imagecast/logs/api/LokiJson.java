package io.imagecast.logs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.service.MetricResult;
import io.imagecast.logs.service.Series;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the response shapes of Loki's HTTP API: {@code {"status":"success","data":...}} with
 * {@code streams}, {@code matrix}, {@code vector} or {@code scalar} results, nanosecond strings for
 * log timestamps and {@code [seconds, "value"]} pairs for samples.
 */
public final class LokiJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private LokiJson() {}

    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode success(com.fasterxml.jackson.databind.JsonNode data) {
        ObjectNode root = NODES.objectNode();
        root.put("status", "success");
        root.set("data", data);
        return root;
    }

    public static ObjectNode stringList(Collection<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return success(array);
    }

    public static ObjectNode labelSets(Collection<Map<String, String>> sets) {
        ArrayNode array = NODES.arrayNode();
        for (Map<String, String> set : sets) {
            array.add(labels(set));
        }
        return success(array);
    }

    /** Lines grouped into streams by label set; each stream's values keep the query's order. */
    public static ObjectNode streams(List<LogLine> lines, long execNanos) {
        Map<Map<String, String>, ArrayNode> streams = new LinkedHashMap<>();
        for (LogLine line : lines) {
            Map<String, String> labels = lokiLabels(line);
            ArrayNode entry = NODES.arrayNode();
            entry.add(LokiTime.nanos(line.timestamp()));
            entry.add(line.line());
            streams.computeIfAbsent(labels, k -> NODES.arrayNode()).add(entry);
        }
        ArrayNode result = NODES.arrayNode();
        streams.forEach((labels, values) -> {
            ObjectNode stream = NODES.objectNode();
            stream.set("stream", labels(labels));
            stream.set("values", values);
            result.add(stream);
        });
        ObjectNode data = NODES.objectNode();
        data.put("resultType", "streams");
        data.set("result", result);
        data.set("stats", stats(lines.size(), execNanos));
        return success(data);
    }

    public static ObjectNode matrix(MetricResult metric, long execNanos) {
        ArrayNode result = NODES.arrayNode();
        for (Series series : metric.series()) {
            if (series.samples().isEmpty()) {
                continue;
            }
            ObjectNode entry = NODES.objectNode();
            entry.set("metric", labels(series.labels()));
            ArrayNode values = NODES.arrayNode();
            series.samples().forEach((t, v) -> values.add(sample(t, v)));
            entry.set("values", values);
            result.add(entry);
        }
        ObjectNode data = NODES.objectNode();
        data.put("resultType", "matrix");
        data.set("result", result);
        data.set("stats", stats(0, execNanos));
        return success(data);
    }

    /** Instant query result: the sample at {@code at} of each series (or a scalar). */
    public static ObjectNode vector(MetricResult metric, Instant at, long execNanos) {
        ObjectNode data = NODES.objectNode();
        if (metric.scalar()) {
            data.put("resultType", "scalar");
            Double value = metric.series().isEmpty()
                    ? null
                    : metric.series().get(0).samples().get(at);
            data.set("result", sample(at, value == null ? Double.NaN : value));
        } else {
            ArrayNode result = NODES.arrayNode();
            for (Series series : metric.series()) {
                Double value = series.samples().get(at);
                if (value == null) {
                    continue;
                }
                ObjectNode entry = NODES.objectNode();
                entry.set("metric", labels(series.labels()));
                entry.set("value", sample(at, value));
                result.add(entry);
            }
            data.put("resultType", "vector");
            data.set("result", result);
        }
        data.set("stats", stats(0, execNanos));
        return success(data);
    }

    public static ArrayNode sample(Instant at, double value) {
        ArrayNode pair = NODES.arrayNode();
        pair.add(LokiTime.seconds(at));
        pair.add(formatValue(value));
        return pair;
    }

    /** Prometheus' value format: shortest decimal, no exponent, NaN and ±Inf spelled out. */
    public static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }

    public static ObjectNode labels(Map<String, String> labels) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(labels).forEach(node::put);
        return node;
    }

    public static Map<String, String> lokiLabels(LogLine line) {
        Map<String, String> labels = new TreeMap<>();
        line.labels().forEach((label, value) -> {
            if (value != null && !value.isEmpty()) {
                labels.put(label.lokiName(), value);
            }
        });
        return labels;
    }

    private static ObjectNode stats(long entries, long execNanos) {
        ObjectNode summary = NODES.objectNode();
        summary.put("execTime", BigDecimal.valueOf(execNanos, 9).stripTrailingZeros());
        summary.put("totalEntriesReturned", entries);
        ObjectNode stats = NODES.objectNode();
        stats.set("summary", summary);
        return stats;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }
}
