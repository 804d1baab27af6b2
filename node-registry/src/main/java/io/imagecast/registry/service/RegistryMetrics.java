package io.imagecast.registry.service;

import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.NodeRuntimeRepository;
import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.domain.StorageGroupRepository;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry's view as gauges, refreshed with the offline check: how old each enabled node's last
 * heartbeat is (+Inf for a node never heard from), and how many masters each group has. Alerts
 * "sender offline" and "no master in a group" in deploy/prometheus read them.
 */
@ApplicationScoped
public class RegistryMetrics {
    private final StorageNodeRepository nodes;
    private final NodeRuntimeRepository runtimes;
    private final StorageGroupRepository groups;
    private final MultiGauge heartbeatAge;
    private final MultiGauge masters;

    public RegistryMetrics(
            StorageNodeRepository nodes,
            NodeRuntimeRepository runtimes,
            StorageGroupRepository groups,
            MeterRegistry meters) {
        this.nodes = nodes;
        this.runtimes = runtimes;
        this.groups = groups;
        this.heartbeatAge = MultiGauge.builder("imagecast.registry.node.heartbeat.age")
                .description("Time since the registry received the node's last heartbeat (+Inf: never)")
                .baseUnit("seconds")
                .register(meters);
        this.masters = MultiGauge.builder("imagecast.registry.group.masters")
                .description("Master nodes of the storage group (1 when it can send, 0 when it has none)")
                .register(meters);
    }

    @Scheduled(
            every = "${imagecast.registry.heartbeat.check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        refresh(Instant.now());
    }

    void refresh(Instant now) {
        List<StorageNode> all = nodes.listAll();
        Map<String, NodeRuntime> heard =
                runtimes.forNodes(all.stream().map(n -> n.name).toList());
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        for (StorageNode node : all) {
            if (!node.enabled) {
                continue;
            }
            NodeRuntime runtime = heard.get(node.name);
            double age = runtime == null || runtime.lastHeartbeat == null
                    ? Double.POSITIVE_INFINITY
                    : Math.max(0, Duration.between(runtime.lastHeartbeat, now).toMillis() / 1000.0);
            ages.add(MultiGauge.Row.of(Tags.of("node", node.name, "group", node.groupName()), age));
        }
        heartbeatAge.register(ages, true);

        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        for (StorageGroup group : groups.listAll()) {
            long count = all.stream()
                    .filter(n -> n.master && group.name.equals(n.groupName()))
                    .count();
            counts.add(MultiGauge.Row.of(Tags.of("group", group.name), count));
        }
        masters.register(counts, true);
    }
}
