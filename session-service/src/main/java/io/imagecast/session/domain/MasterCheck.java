package io.imagecast.session.domain;

import io.imagecast.events.node.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a group has a master that can send now, and if not, why: the diagnosis FOG never gave
 * ("This is not the master node", wrong interface, sender not running).
 */
public record MasterCheck(Optional<StorageNode> master, List<String> diagnosis) {

    public boolean usable() {
        return master.isPresent() && diagnosis.isEmpty();
    }

    public static MasterCheck of(StorageGroup group, List<StorageNode> members) {
        List<String> diagnosis = new ArrayList<>();
        List<StorageNode> masters =
                members.stream().filter(n -> n.master && !n.removed).toList();
        if (masters.isEmpty()) {
            List<String> names =
                    members.stream().filter(n -> !n.removed).map(n -> n.nodeId).toList();
            diagnosis.add("group '" + group.name + "' has no master node; mark one of "
                    + (names.isEmpty() ? "its nodes" : names) + " as master in the node registry");
            return new MasterCheck(Optional.empty(), diagnosis);
        }
        StorageNode master = masters.get(0);
        if (masters.size() > 1) {
            diagnosis.add("group '" + group.name + "' has several masters: "
                    + masters.stream().map(n -> n.nodeId).toList());
        }
        if (!master.enabled) {
            diagnosis.add("master node '" + master.nodeId + "' is disabled");
        }
        if (master.status == NodeStatus.OFFLINE) {
            diagnosis.add("master node '" + master.nodeId + "' is offline"
                    + (master.lastHeartbeatAt == null ? "" : " (last heartbeat " + master.lastHeartbeatAt + ")")
                    + "; is its sender-service running?");
        } else if (master.status == NodeStatus.UNKNOWN) {
            diagnosis.add(
                    "master node '" + master.nodeId + "' has never sent a heartbeat; start the sender-service on it");
        } else if (master.status == NodeStatus.MISCONFIGURED) {
            diagnosis.add("master node '" + master.nodeId + "' is misconfigured");
        }
        if (master.problems != null) {
            master.problems.forEach(problem -> diagnosis.add(master.nodeId + ": " + problem));
        }
        if (master.multicastInterface == null || master.multicastInterface.isBlank()) {
            diagnosis.add("master node '" + master.nodeId + "' has no multicast interface configured");
        }
        if (new PortWindow(group.portWindowStart, group.portWindowEnd).capacity() == 0) {
            diagnosis.add("group '" + group.name + "' port window " + group.portWindowStart + "-" + group.portWindowEnd
                    + " holds no even base port with its odd neighbour");
        }
        return new MasterCheck(Optional.of(master), List.copyOf(diagnosis));
    }
}
