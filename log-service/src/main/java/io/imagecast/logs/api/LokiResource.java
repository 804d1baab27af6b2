package io.imagecast.logs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.ClientGoneException;
import io.imagecast.logs.domain.Direction;
import io.imagecast.logs.domain.IndexStats;
import io.imagecast.logs.domain.InvalidQueryException;
import io.imagecast.logs.domain.Label;
import io.imagecast.logs.domain.LabelSet;
import io.imagecast.logs.domain.LineQuery;
import io.imagecast.logs.domain.LogStore;
import io.imagecast.logs.domain.QueryTooExpensiveException;
import io.imagecast.logs.domain.Selector;
import io.imagecast.logs.logql.Expr;
import io.imagecast.logs.logql.LogQLParser;
import io.imagecast.logs.service.ClientQueries;
import io.imagecast.logs.service.MetricEvaluator;
import io.imagecast.logs.service.MetricResult;
import io.imagecast.logs.service.QueryKind;
import io.imagecast.service.problem.DatabaseUnavailable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.logging.Logger;

/**
 * The read side of Loki's HTTP API, enough for Grafana's Loki data source (Explore, dashboards,
 * logs volume, label browser). Errors are Loki's: plain text with a 4xx/5xx status, not problem+json.
 */
@Path("/loki/api/v1")
@RolesAllowed("viewer")
@Produces(MediaType.APPLICATION_JSON)
public class LokiResource {
    /** Form fields as Grafana posts them, each a list as in the form model (examples in the OpenAPI document). */
    private static final String RANGE_FORM =
            "{\"query\": [\"{service=\\\"sender-service\\\"}\"], \"start\": [\"1764720000000000000\"], \"end\": [\"1764723600000000000\"], \"limit\": [\"100\"], \"direction\": [\"backward\"]}";

    private static final String INSTANT_FORM =
            "{\"query\": [\"sum(count_over_time({service=\\\"sender-service\\\"}[5m]))\"], \"time\": [\"1764723600000000000\"]}";
    private static final String SERIES_FORM =
            "{\"match[]\": [\"{service=\\\"sender-service\\\"}\"], \"start\": [\"1764720000000000000\"], \"end\": [\"1764723600000000000\"]}";

    private static final Logger LOG = Logger.getLogger(LokiResource.class);
    private static final String LOKI_COMPATIBLE_VERSION = "2.9.0";

    private final LogStore store;
    private final MetricEvaluator metrics;
    private final LogsConfig config;
    private final ClientQueries clientQueries;

    public LokiResource(LogStore store, MetricEvaluator metrics, LogsConfig config, ClientQueries clientQueries) {
        this.store = store;
        this.metrics = metrics;
        this.config = config;
        this.clientQueries = clientQueries;
    }

    @FunctionalInterface
    private interface LokiCall {
        ObjectNode run() throws SQLException;
    }

    private Response answer(QueryKind kind, LokiCall call) {
        try {
            return Response.ok(LokiJson.write(clientQueries.run(kind, call::run)), MediaType.APPLICATION_JSON)
                    .build();
        } catch (InvalidQueryException e) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN)
                    .entity(e.getMessage())
                    .build();
        } catch (QueryTooExpensiveException e) {
            // Not 503: the same query would time out again; Grafana shows the text of any 4xx.
            return Response.status(422)
                    .type(MediaType.TEXT_PLAIN)
                    .entity(e.getMessage())
                    .build();
        } catch (ClientGoneException e) {
            return Response.status(499).type(MediaType.TEXT_PLAIN).build();
        } catch (SQLException e) {
            LOG.errorf(e, "Loki API query failed");
            return Response.status(503)
                    .type(MediaType.TEXT_PLAIN)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .entity("log storage unavailable; retry later")
                    .build();
        }
    }

    /**
     * Form bodies bypass the shared checks of query parameters: a form is no larger than a URL may
     * be, NUL never reaches PostgreSQL, and the answer stays Loki's plain text.
     */
    private Response checkedForm(MultivaluedMap<String, String> form, Supplier<Response> then) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            for (String value : entry.getValue()) {
                bytes += utf8Length(entry.getKey()) + utf8Length(value) + 2;
            }
        }
        if (bytes > config.query().maxFormBytes()) {
            return Response.status(413)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("form body of " + bytes + " bytes is larger than the "
                            + config.query().maxFormBytes()
                            + " bytes allowed (imagecast.logs.query.max-form-bytes, the same bound as for a URL)")
                    .build();
        }
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            for (String value : entry.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return Response.status(400)
                            .type(MediaType.TEXT_PLAIN)
                            .entity("invalid parameter \"" + entry.getKey() + "\": must not contain NUL characters")
                            .build();
                }
            }
        }
        return then.get();
    }

    @GET
    @Path("/query_range")
    public Response lokiQueryRange(@Context UriInfo uri) {
        return queryRange(uri.getQueryParameters());
    }

    @POST
    @Path("/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lokiQueryRangeForm(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            examples =
                                                    @ExampleObject(name = "as Grafana sends it", value = RANGE_FORM)))
                    MultivaluedMap<String, String> form) {
        return checkedForm(form, () -> queryRange(form));
    }

    private Response queryRange(MultivaluedMap<String, String> params) {
        return answer(QueryKind.LOKI, () -> {
            long began = System.nanoTime();
            Expr expr = LogQLParser.parse(required(params, "query"));
            Instant end = atStoredPrecision(LokiTime.parse("end", params.getFirst("end"), Instant.now()));
            Instant start = atStoredPrecision(LokiTime.parse(
                    "start", params.getFirst("start"), end.minus(config.query().defaultRange())));
            if (end.isBefore(start)) {
                throw new InvalidQueryException("end timestamp must not be before or equal to start time");
            }
            if (expr instanceof Expr.LogExpr log) {
                List<io.imagecast.logs.domain.LogLine> lines = store.find(new LineQuery(
                        log.selector(),
                        start,
                        end.equals(start) ? end.plusNanos(1) : end,
                        limit(params),
                        direction(params),
                        null));
                return LokiJson.streams(lines, System.nanoTime() - began);
            }
            Duration step = LokiTime.step(params.getFirst("step"), LokiTime.defaultStep(start, end));
            long points = Duration.between(start, end).toMillis() / Math.max(1, step.toMillis()) + 1;
            if (points > config.query().maxPoints()) {
                throw new InvalidQueryException(
                        "exceeded maximum resolution of " + config.query().maxPoints()
                                + " points per timeseries. Try decreasing the query resolution (?step=XX)");
            }
            MetricResult result = metrics.evaluate(expr, start, end, step);
            return LokiJson.matrix(result, System.nanoTime() - began);
        });
    }

    @GET
    @Path("/query")
    public Response lokiQuery(@Context UriInfo uri) {
        return query(uri.getQueryParameters());
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lokiQueryForm(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            examples =
                                                    @ExampleObject(name = "as Grafana sends it", value = INSTANT_FORM)))
                    MultivaluedMap<String, String> form) {
        return checkedForm(form, () -> query(form));
    }

    private Response query(MultivaluedMap<String, String> params) {
        return answer(QueryKind.LOKI, () -> {
            long began = System.nanoTime();
            Expr expr = LogQLParser.parse(required(params, "query"));
            Instant at = atStoredPrecision(LokiTime.parse("time", params.getFirst("time"), Instant.now()));
            if (expr instanceof Expr.LogExpr log) {
                List<io.imagecast.logs.domain.LogLine> lines = store.find(new LineQuery(
                        log.selector(),
                        at.minus(config.query().defaultRange()),
                        at,
                        limit(params),
                        direction(params),
                        null));
                return LokiJson.streams(lines, System.nanoTime() - began);
            }
            MetricResult result = metrics.evaluate(expr, at, at, Duration.ofSeconds(1));
            return LokiJson.vector(result, at, System.nanoTime() - began);
        });
    }

    @GET
    @Path("/labels")
    public Response lokiLabels(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        return answer(QueryKind.METADATA, () -> {
            Range range = range(params);
            Set<String> names = new TreeSet<>();
            for (LabelSet set : store.streams(selectorParam(params, "query"), range.start, range.end)) {
                set.asMap().forEach((label, value) -> {
                    if (!value.isEmpty()) {
                        names.add(label.lokiName());
                    }
                });
            }
            return LokiJson.stringList(names);
        });
    }

    @GET
    @Path("/label/{name}/values")
    public Response lokiLabelValues(@PathParam("name") String name, @Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        return answer(QueryKind.METADATA, () -> {
            Range range = range(params);
            Label label = Label.byName(name).orElse(null);
            if (label == null) {
                return LokiJson.stringList(List.of()); // Loki answers unknown labels with no values
            }
            return LokiJson.stringList(
                    store.labelValues(label, selectorParam(params, "query"), range.start, range.end));
        });
    }

    @GET
    @Path("/series")
    public Response lokiSeries(@Context UriInfo uri) {
        return series(uri.getQueryParameters());
    }

    @POST
    @Path("/series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lokiSeriesForm(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            examples =
                                                    @ExampleObject(name = "as Grafana sends it", value = SERIES_FORM)))
                    MultivaluedMap<String, String> form) {
        return checkedForm(form, () -> series(form));
    }

    private Response series(MultivaluedMap<String, String> params) {
        return answer(QueryKind.METADATA, () -> {
            Range range = range(params);
            List<String> matches = new ArrayList<>();
            for (String key : List.of("match[]", "match")) {
                List<String> values = params.get(key);
                if (values != null) {
                    matches.addAll(values);
                }
            }
            if (matches.isEmpty()) {
                matches.add("{}");
            }
            Set<Map<String, String>> sets = new LinkedHashSet<>();
            for (String match : matches) {
                Selector selector = LogQLParser.parseLogQuery(match).selector();
                for (LabelSet set : store.streams(selector, range.start, range.end)) {
                    Map<String, String> labels = new java.util.TreeMap<>();
                    set.asMap().forEach((label, value) -> {
                        if (!value.isEmpty()) {
                            labels.put(label.lokiName(), value);
                        }
                    });
                    sets.add(labels);
                }
            }
            return LokiJson.labelSets(sets);
        });
    }

    @GET
    @Path("/index/stats")
    public Response lokiIndexStats(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        return answer(QueryKind.METADATA, () -> {
            Range range = range(params);
            IndexStats stats = store.stats(selectorParam(params, "query"), range.start, range.end);
            ObjectNode node = LokiJson.object();
            node.put("streams", stats.streams());
            node.put("chunks", stats.streams()); // no chunks here: one per stream is the honest mapping
            node.put("entries", stats.entries());
            node.put("bytes", stats.bytes());
            return node;
        });
    }

    @GET
    @Path("/index/volume")
    public Response lokiIndexVolume(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        return answer(QueryKind.METADATA, () -> {
            Range range = range(params);
            Selector selector =
                    LogQLParser.parseLogQuery(required(params, "query")).selector();
            List<Label> groupBy = volumeLabels(params, selector);
            int limit = params.getFirst("limit") == null ? 100 : parseInt("limit", params.getFirst("limit"));
            if (limit <= 0) {
                throw new InvalidQueryException("limit must be a positive value");
            }
            Map<Map<Label, String>, Long> volumes = store.volume(selector, range.start, range.end, groupBy, limit);
            ArrayNode result = LokiJson.array();
            volumes.forEach((labels, bytes) -> {
                Map<String, String> metric = new java.util.TreeMap<>();
                labels.forEach((label, value) -> metric.put(label.lokiName(), value));
                ObjectNode entry = LokiJson.object();
                entry.set("metric", LokiJson.labels(metric));
                entry.set("value", LokiJson.sample(range.end, bytes));
                result.add(entry);
            });
            ObjectNode data = LokiJson.object();
            data.put("resultType", "vector");
            data.set("result", result);
            return LokiJson.success(data);
        });
    }

    /** By default volume is grouped by the labels the selector names (Loki's behaviour), else by targetLabels. */
    private static List<Label> volumeLabels(MultivaluedMap<String, String> params, Selector selector) {
        Set<Label> labels = new LinkedHashSet<>();
        String target = params.getFirst("targetLabels");
        if (target != null && !target.isBlank()) {
            for (String name : target.split(",")) {
                labels.add(Label.byName(name.trim())
                        .orElseThrow(() -> new InvalidQueryException("unknown label " + name.trim())));
            }
        } else {
            selector.matchers().forEach(matcher -> labels.add(matcher.label()));
        }
        return List.copyOf(labels);
    }

    @GET
    @Path("/status/buildinfo")
    public Response lokiBuildInfo() {
        return answer(QueryKind.METADATA, () -> {
            ObjectNode node = LokiJson.object();
            node.put("version", LOKI_COMPATIBLE_VERSION);
            node.put("revision", "imagecast-log-service");
            node.put("branch", "imagecast");
            node.put("buildUser", "imagecast");
            node.put("buildDate", "");
            node.put("goVersion", "");
            return node;
        });
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private record Range(Instant start, Instant end) {}

    /**
     * Evaluation times cut to PostgreSQL's microseconds: counts come back stamped at that precision
     * and are matched to the requested times exactly, so a finer time (the default "now", or
     * nanoseconds from a client) would match no sample and give an empty result.
     */
    private static Instant atStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private Range range(MultivaluedMap<String, String> params) {
        Instant end = LokiTime.parse("end", params.getFirst("end"), Instant.now());
        Instant start = LokiTime.parse("start", params.getFirst("start"), end.minus(Duration.ofHours(6)));
        if (end.isBefore(start)) {
            throw new InvalidQueryException("end timestamp must not be before or equal to start time");
        }
        return new Range(start, end.equals(start) ? end.plusNanos(1) : end);
    }

    private static Selector selectorParam(MultivaluedMap<String, String> params, String name) {
        String query = params.getFirst(name);
        return query == null || query.isBlank()
                ? Selector.all()
                : LogQLParser.parseLogQuery(query).selector();
    }

    private int limit(MultivaluedMap<String, String> params) {
        String raw = params.getFirst("limit");
        int limit = raw == null ? 100 : parseInt("limit", raw);
        if (limit <= 0) {
            throw new InvalidQueryException("limit must be a positive value");
        }
        return Math.min(limit, config.query().maxLimit());
    }

    private static Direction direction(MultivaluedMap<String, String> params) {
        String raw = params.getFirst("direction");
        if (raw == null || raw.isBlank()) {
            return Direction.BACKWARD;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "backward" -> Direction.BACKWARD;
            case "forward" -> Direction.FORWARD;
            default ->
                throw new InvalidQueryException("invalid direction \"" + raw + "\": must be forward or backward");
        };
    }

    private static int parseInt(String name, String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("invalid parameter \"" + name + "\": " + raw);
        }
    }

    private static String required(MultivaluedMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null || value.isBlank()) {
            throw new InvalidQueryException("missing parameter \"" + name + "\"");
        }
        return value;
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
