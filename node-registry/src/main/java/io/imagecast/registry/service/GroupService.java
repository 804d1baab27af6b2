package io.imagecast.registry.service;

import io.imagecast.events.node.NodeChange;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.NodeRuntimeRepository;
import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.domain.StorageGroupRepository;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import io.imagecast.registry.messaging.NodeEventPublisher;
import io.imagecast.registry.messaging.NodeSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

@ApplicationScoped
public class GroupService {
    private static final Logger LOG = Logger.getLogger(GroupService.class);

    private final StorageGroupRepository groups;
    private final StorageNodeRepository nodes;
    private final NodeRuntimeRepository runtimes;
    private final NodeAssessor assessor;
    private final PortWindowGuard portWindows;
    private final NodeEventPublisher events;

    public GroupService(
            StorageGroupRepository groups,
            StorageNodeRepository nodes,
            NodeRuntimeRepository runtimes,
            NodeAssessor assessor,
            PortWindowGuard portWindows,
            NodeEventPublisher events) {
        this.groups = groups;
        this.nodes = nodes;
        this.runtimes = runtimes;
        this.assessor = assessor;
        this.portWindows = portWindows;
        this.events = events;
    }

    @Transactional
    public PageSlice<GroupView> list(String afterName, int limit) {
        List<StorageGroup> page = groups.page(afterName, limit + 1);
        boolean more = page.size() > limit;
        List<GroupView> views = new ArrayList<>();
        for (StorageGroup group : page.subList(0, Math.min(limit, page.size()))) {
            views.add(view(group));
        }
        return new PageSlice<>(views, more ? views.get(views.size() - 1).group().name : null);
    }

    @Transactional
    public GroupView get(String name) {
        return view(groups.findByIdOptional(name).orElseThrow(() -> Problems.groupNotFound(name)));
    }

    @Transactional
    public GroupView create(String name, GroupSettings settings) {
        if (groups.findByIdOptional(name).isPresent()) {
            throw Problems.conflict(
                    "group-exists", "Storage group exists", "a storage group named " + name + " exists");
        }
        StorageGroup group = new StorageGroup();
        group.name = name;
        apply(settings, group);
        groups.persist(group);
        LOG.infof("storage group %s created with ports %s", name, group.portWindow());
        return new GroupView(group, null);
    }

    /** Changes a group and tells every consumer about each of its nodes (their snapshots embed it). */
    @Transactional
    public GroupView update(String name, GroupSettings settings, Long expectedVersion) {
        portWindows.lockTopology();
        StorageGroup group = groups.findByIdOptional(name).orElseThrow(() -> Problems.groupNotFound(name));
        requireVersion(group, expectedVersion);
        apply(settings, group);
        portWindows.requireDisjoint(name, group.portWindow(), nodes.addressesInGroup(name));
        flush(group);
        Instant now = Instant.now();
        for (StorageNode node : nodes.inGroup(name)) {
            NodeRuntime runtime = runtimes.forNode(node.name);
            assessor.refresh(node, runtime, now);
            events.publish(NodeChange.CONFIGURED, NodeSnapshots.of(node, runtime));
        }
        LOG.infof("storage group %s updated to version %d", name, group.version);
        return view(group);
    }

    @Transactional
    public void delete(String name, Long expectedVersion) {
        StorageGroup group = groups.findByIdOptional(name).orElseThrow(() -> Problems.groupNotFound(name));
        requireVersion(group, expectedVersion);
        long members = nodes.countInGroup(name);
        if (members > 0) {
            throw Problems.conflict(
                            "group-not-empty",
                            "Storage group has nodes",
                            "group " + name + " still has " + members + " node(s); move or delete them first")
                    .with("nodeCount", members);
        }
        groups.delete(group);
        flush(group);
        LOG.infof("storage group %s deleted", name);
    }

    private GroupView view(StorageGroup group) {
        return new GroupView(
                group, nodes.masterOf(group.name).map(node -> node.name).orElse(null));
    }

    private static void apply(GroupSettings settings, StorageGroup group) {
        group.imageRoot = settings.imageRoot();
        group.portWindowStart = settings.portWindowStart();
        group.portWindowEnd = settings.portWindowEnd();
        group.multicastPool = new ArrayList<>(settings.multicastPool());
        group.maxSessions = settings.maxSessions();
        group.autoApplyInterface = settings.autoApplyInterface();
    }

    private static void requireVersion(StorageGroup group, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != group.version) {
            throw Problems.versionMismatch("storage group " + group.name, group.version);
        }
    }

    private void flush(StorageGroup group) {
        try {
            groups.flush();
        } catch (OptimisticLockException e) {
            throw Problems.versionMismatch("storage group " + group.name, group.version);
        }
    }
}
