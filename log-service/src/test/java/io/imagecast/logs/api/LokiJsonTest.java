package io.imagecast.logs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.service.MetricResult;
import io.imagecast.logs.service.Series;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Golden JSON for each Loki result type, as documented by Loki's HTTP API. */
class LokiJsonTest {
    private static final Instant T1 = Instant.parse("2026-11-25T10:00:00.123456789Z");
    private static final Instant T2 = Instant.parse("2026-11-25T10:00:01Z");

    @Test
    void streamsGroupLinesByLabelSetWithNanosecondStrings() {
        LogLine a = new LogLine(1, T1, "info", "sender-service", "n1", "s1", "l", "hello", null, null);
        LogLine b = new LogLine(2, T2, "error", "sender-service", "n1", "", "l", "bad", "java.io.IOException: x", null);
        LogLine c = new LogLine(3, T2, "info", "sender-service", "n1", "s1", "l", "again", null, null);

        String json = LokiJson.write(LokiJson.streams(List.of(a, b, c), 1_500_000));

        assertThat(json)
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":["
                        + "{\"stream\":{\"level\":\"info\",\"node\":\"n1\",\"service\":\"sender-service\",\"session\":\"s1\"},"
                        + "\"values\":[[\"1795600800123456789\",\"hello\"],[\"1795600801000000000\",\"again\"]]},"
                        + "{\"stream\":{\"level\":\"error\",\"node\":\"n1\",\"service\":\"sender-service\"},"
                        + "\"values\":[[\"1795600801000000000\",\"bad\\njava.io.IOException: x\"]]}],"
                        + "\"stats\":{\"summary\":{\"execTime\":0.0015,\"totalEntriesReturned\":3}}}}");
    }

    @Test
    void matrixUsesSecondsAndStringValues() {
        TreeMap<Instant, Double> samples = new TreeMap<>();
        samples.put(Instant.parse("2026-11-25T10:00:00Z"), 3.0);
        samples.put(Instant.parse("2026-11-25T10:01:00.5Z"), 0.25);
        MetricResult result = new MetricResult(List.of(new Series(Map.of("level", "warn"), samples)), false);

        String json = LokiJson.write(LokiJson.matrix(result, 0));

        assertThat(json)
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"level\":\"warn\"},\"values\":[[1795600800,\"3\"],[1795600860.5,\"0.25\"]]}],"
                        + "\"stats\":{\"summary\":{\"execTime\":0,\"totalEntriesReturned\":0}}}}");
    }

    @Test
    void vectorAndScalarShapes() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        TreeMap<Instant, Double> samples = new TreeMap<>();
        samples.put(at, 2.0);
        String vector =
                LokiJson.write(LokiJson.vector(new MetricResult(List.of(new Series(Map.of(), samples)), false), at, 0));
        String scalar =
                LokiJson.write(LokiJson.vector(new MetricResult(List.of(new Series(Map.of(), samples)), true), at, 0));

        assertThat(vector)
                .startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                        + "\"result\":[{\"metric\":{},\"value\":[1795600800,\"2\"]}]");
        assertThat(scalar)
                .startsWith(
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795600800,\"2\"]");
    }

    @Test
    void valuesFormatLikePrometheus() {
        assertThat(LokiJson.formatValue(2)).isEqualTo("2");
        assertThat(LokiJson.formatValue(0.1)).isEqualTo("0.1");
        assertThat(LokiJson.formatValue(1e21)).isEqualTo("1000000000000000000000");
        assertThat(LokiJson.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(LokiJson.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void parsesLokiTimeFormats() {
        assertThat(LokiTime.parse("start", "1795600800", null)).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(LokiTime.parse("start", "1795600800123456789", null)).isEqualTo(T1);
        assertThat(LokiTime.parse("start", "1795600800.5", null)).isEqualTo(Instant.parse("2026-11-25T10:00:00.5Z"));
        assertThat(LokiTime.parse("start", "2026-11-25T11:00:00+01:00", null))
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(LokiTime.nanos(T1)).isEqualTo("1795600800123456789");
    }
}
