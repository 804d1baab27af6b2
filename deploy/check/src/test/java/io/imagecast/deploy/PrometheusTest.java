package io.imagecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus and deploy/grafana: promtool accepts the launcher scrape config and the rules,
 * the rules' unit tests pass, and every metric the alerts and the dashboard query is one the
 * services register today.
 */
class PrometheusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Series that come from Prometheus itself or from Quarkus' Micrometer binders, not from imagecast code. */
    private static final Set<String> LIBRARY_SERIES =
            Set.of("up", "jvm_memory_used_bytes", "kafka_consumer_fetch_manager_records_lag_max");

    private static final Pattern SERIES =
            Pattern.compile("(?<![\\w\"$.{])([a-z_][a-z0-9_]*)\\s*(?=\\{|\\[|\\)|$|\\s*[><=!])");
    private static final Pattern METER_NAME = Pattern.compile("\"(imagecast(?:\\.[a-z0-9]+)+)\"");

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(Repo.path("deploy/prometheus").toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("promtool is needed (apt-get install prometheus; .ci/run does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("promtool %s:%n%s", String.join(" ", args), out)
                .isZero();
        return out;
    }

    @Test
    void promtoolAcceptsTheConfigAndTheRulesAndTheRulesTestsPass() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void alertsCoverTheFiveConditionsAndEachFiringPathIsUnitTested() throws Exception {
        JsonNode rules = YAML.readTree(Repo.read("deploy/prometheus/alerts.yml"));
        Set<String> alerts = new TreeSet<>();
        rules.at("/groups")
                .forEach(g ->
                        g.get("rules").forEach(r -> alerts.add(r.get("alert").asText())));
        assertThat(alerts)
                .contains(
                        "ImagecastSessionStuckOnNode",
                        "ImagecastSenderOffline",
                        "ImagecastSessionOutboxBacklogGrowing",
                        "ImagecastLogLinesDropped",
                        "ImagecastGroupWithoutMaster");
        String tests = Repo.read("deploy/prometheus/alerts.test.yml");
        for (String alert : alerts) {
            if (!alert.equals("ImagecastServiceDown")) { // same shape as ImagecastSenderScrapeFailing
                assertThat(tests).as("unit test of %s", alert).contains("alertname: " + alert + "\n");
            }
        }
    }

    @Test
    void everyQueriedMetricIsRegisteredByTheServicesToday() throws Exception {
        Set<String> meters = meterNames();
        // Guards the scan itself: these are registered in session-service and log-service.
        assertThat(meters).contains("imagecast.session.finished", "imagecast.logs.ingested");

        Set<String> queried = new TreeSet<>();
        JsonNode rules = YAML.readTree(Repo.read("deploy/prometheus/alerts.yml"));
        rules.at("/groups")
                .forEach(g -> g.get("rules")
                        .forEach(r -> queried.addAll(series(r.get("expr").asText()))));
        for (String expr : prometheusQueries()) {
            queried.addAll(series(expr));
        }
        assertThat(queried).contains("imagecast_sessions", "up", "imagecast_registry_group_masters");
        for (String name : queried) {
            if (LIBRARY_SERIES.contains(name)) {
                continue;
            }
            assertThat(name).as("series %s", name).startsWith("imagecast_");
            assertThat(registered(name, meters))
                    .as("%s is registered by a Micrometer meter in the code", name)
                    .isTrue();
        }
    }

    @Test
    void dashboardUsesTheProvisionedDataSourcesAndHasNodeAndSessionVariables() throws Exception {
        JsonNode dashboard = JSON.readTree(Repo.read("deploy/grafana/dashboards/imagecast.json"));
        JsonNode sources = YAML.readTree(Repo.read("deploy/grafana/provisioning/datasources/imagecast.yaml"));
        Set<String> uids = new TreeSet<>();
        sources.get("datasources")
                .forEach(d ->
                        uids.add(d.get("type").asText() + "/" + d.get("uid").asText()));
        assertThat(uids).containsExactlyInAnyOrder("prometheus/imagecast-prometheus", "loki/imagecast-logs");
        dashboard
                .get("panels")
                .forEach(p -> p.get("targets")
                        .forEach(t -> assertThat(t.at("/datasource/type").asText() + "/"
                                        + t.at("/datasource/uid").asText())
                                .as("panel %s", p.get("title").asText())
                                .isIn(uids)));
        List<String> variables = new ArrayList<>();
        dashboard
                .at("/templating/list")
                .forEach(v -> variables.add(v.get("name").asText()));
        assertThat(variables).containsExactly("node", "session");
        String text = dashboard.toString();
        assertThat(text).contains("$node").contains("{session=\\\"$session\\\"}");
    }

    private static List<String> prometheusQueries() throws IOException {
        JsonNode dashboard = JSON.readTree(Repo.read("deploy/grafana/dashboards/imagecast.json"));
        List<String> queries = new ArrayList<>();
        dashboard
                .get("panels")
                .forEach(p -> p.get("targets").forEach(t -> {
                    if (t.at("/datasource/type").asText().equals("prometheus")) {
                        queries.add(t.get("expr").asText());
                    }
                }));
        dashboard.at("/templating/list").forEach(v -> {
            if (v.at("/datasource/type").asText().equals("prometheus")) {
                queries.add(v.at("/query/query").asText().replaceAll("label_values\\(([^,]+),.*", "$1"));
            }
        });
        assertThat(queries).hasSizeGreaterThan(10);
        return queries;
    }

    /** Metric names in a PromQL expression: identifiers followed by a selector, a range, or the end. */
    static Set<String> series(String expr) {
        Set<String> names = new TreeSet<>();
        String withoutLabels = expr.replaceAll("\\{[^}]*}", "{}").replaceAll("by \\([^)]*\\)", "");
        Matcher m = SERIES.matcher(withoutLabels);
        while (m.find()) {
            String name = m.group(1);
            if (!Set.of("and", "or", "unless", "by", "without", "on", "ignoring")
                    .contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void seriesFindsMetricNamesButNotFunctions() {
        assertThat(series("max by (node, group) (imagecast_registry_node_heartbeat_age_seconds{node=~\"$node\"}) > 60"))
                .containsExactly("imagecast_registry_node_heartbeat_age_seconds");
        assertThat(series("min_over_time(a_b[10m]) > 0 and deriv(c_d[10m]) > 0"))
                .containsExactly("a_b", "c_d");
        assertThat(series("up{job=\"x\"} == 0")).containsExactly("up");
    }

    private static boolean registered(String series, Set<String> meters) {
        for (String suffix : List.of("_total", "_seconds", "_bytes", "")) {
            if (series.endsWith(suffix)
                    && meters.contains(series.substring(0, series.length() - suffix.length())
                            .replace('_', '.'))) {
                return true;
            }
        }
        return false;
    }

    /** String literals that look like meter names, in every module's main sources. */
    private static Set<String> meterNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.ROOT)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .forEach(f -> {
                        try {
                            Matcher m = METER_NAME.matcher(Files.readString(f));
                            while (m.find()) {
                                names.add(m.group(1));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return names;
    }
}
