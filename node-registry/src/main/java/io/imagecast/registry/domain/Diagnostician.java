package io.imagecast.registry.domain;

import io.imagecast.events.node.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a node's configuration with what the node reports and names every problem with its
 * fix: what FOG users do by hand with {@code ip addr}. Pure: no I/O, testable without a container.
 */
public final class Diagnostician {
    private final Duration offlineAfter;

    public Diagnostician(Duration offlineAfter) {
        this.offlineAfter = offlineAfter;
    }

    public List<Finding> diagnose(
            StorageNode node,
            NodeRuntime runtime,
            List<NodeInterface> interfaces,
            boolean groupHasMaster,
            Instant now) {
        List<Finding> findings = new ArrayList<>();
        checkLiveness(node, runtime, now, findings);
        checkConfiguration(node, groupHasMaster, interfaces, findings);
        if (runtime.hasHeartbeated()) {
            List<NodeInterface> present =
                    interfaces.stream().filter(nic -> nic.present).toList();
            checkInterface(node, interfaces, present, findings);
            checkImageRoot(node, runtime, findings);
        }
        return findings;
    }

    public NodeStatus statusOf(NodeRuntime runtime, List<Finding> findings, Instant now) {
        if (!runtime.hasHeartbeated()) {
            return NodeStatus.UNKNOWN;
        }
        if (isOffline(runtime, now)) {
            return NodeStatus.OFFLINE;
        }
        boolean misconfigured = findings.stream()
                .anyMatch(finding -> finding.blocksMulticast() && finding.code().aboutNodeConfiguration());
        return misconfigured ? NodeStatus.MISCONFIGURED : NodeStatus.ONLINE;
    }

    public boolean isOffline(NodeRuntime runtime, Instant now) {
        return runtime.status == NodeStatus.OFFLINE
                || (runtime.lastHeartbeat != null
                        && runtime.lastHeartbeat.plus(offlineAfter).isBefore(now));
    }

    /** The messages of the errors that make the node misconfigured: its status reasons. */
    public static List<String> reasons(List<Finding> findings) {
        return findings.stream()
                .filter(finding -> finding.blocksMulticast() && finding.code().aboutNodeConfiguration())
                .map(Finding::message)
                .toList();
    }

    private void checkLiveness(StorageNode node, NodeRuntime runtime, Instant now, List<Finding> findings) {
        if (!runtime.hasHeartbeated()) {
            findings.add(Finding.error(
                    FindingCode.NEVER_HEARD_FROM,
                    "node " + node.name + " has never sent a heartbeat: no sender-service runs there, or it runs"
                            + " under another node name; such a node (e.g. a NAS) cannot send multicast",
                    "run sender-service on the node, configured with node name '" + node.name
                            + "' and the same Kafka as the registry"));
        } else if (isOffline(runtime, now)) {
            findings.add(Finding.error(
                    FindingCode.NODE_OFFLINE,
                    "no heartbeat since " + runtime.lastHeartbeat + " ("
                            + Duration.between(runtime.lastHeartbeat, now).toSeconds()
                            + " s ago; a node is offline after " + offlineAfter.toSeconds()
                            + " s without one); interface checks below use its last report",
                    "check that sender-service runs on the node and reaches Kafka"));
        }
    }

    private void checkConfiguration(
            StorageNode node, boolean groupHasMaster, List<NodeInterface> interfaces, List<Finding> findings) {
        if (!node.enabled) {
            findings.add(Finding.warning(
                    FindingCode.NODE_DISABLED,
                    "node " + node.name + " is disabled: no session is placed on it",
                    "enable it: PUT /api/v1/nodes/" + node.name + " with \"enabled\": true"));
        }
        if (node.group == null) {
            findings.add(Finding.error(
                    FindingCode.NODE_WITHOUT_GROUP,
                    "node " + node.name + " belongs to no storage group (it was discovered from its heartbeats)",
                    "assign a group: PUT /api/v1/nodes/" + node.name + " with \"group\""));
        } else if (!groupHasMaster) {
            findings.add(Finding.error(
                    FindingCode.GROUP_WITHOUT_MASTER,
                    "storage group " + node.group.name + " has no master node: nothing sends its multicast sessions",
                    "choose a master that runs sender-service: PUT /api/v1/groups/" + node.group.name
                            + "/master with {\"node\": \"<name>\"}"));
        }
        if (node.address == null) {
            List<InterfaceCandidate> candidates = interfaces.stream()
                    .filter(nic -> nic.present && !nic.loopback)
                    .map(InterfaceCandidate::of)
                    .toList();
            findings.add(Finding.error(
                            FindingCode.NODE_WITHOUT_ADDRESS,
                            "node " + node.name + " has no address: clients would not know where to rendezvous",
                            "set \"address\" to the IPv4 address clients reach the node at")
                    .withCandidates(candidates));
        }
    }

    private void checkInterface(
            StorageNode node, List<NodeInterface> all, List<NodeInterface> present, List<Finding> findings) {
        List<InterfaceCandidate> candidates =
                present.stream().map(InterfaceCandidate::of).toList();
        if (node.multicastInterface == null) {
            Optional<InterfaceProposal> proposal = InterfaceProposal.forNode(node, all);
            findings.add(Finding.error(
                            FindingCode.INTERFACE_NOT_CONFIGURED,
                            "node " + node.name + " has no multicast interface configured"
                                    + (node.interfaceCleared
                                            ? " (an admin cleared it): it starts no new session, and no proposal"
                                                    + " is applied automatically"
                                            : ""),
                            proposal.map(p -> "set \"multicastInterface\": \"" + p.interfaceName() + "\" (" + p.reason()
                                            + ")")
                                    .orElse(otherInterfaces(node, present)))
                    .withCandidates(candidates));
            return;
        }
        String configured = node.multicastInterface;
        Optional<NodeInterface> match =
                present.stream().filter(nic -> nic.name.equals(configured)).findFirst();
        if (match.isEmpty()) {
            Optional<NodeInterface> vanished = all.stream()
                    .filter(nic -> !nic.present && nic.name.equals(configured))
                    .findFirst();
            String message = vanished.map(nic -> "interface " + configured + " disappeared from node " + node.name
                            + " (last seen " + nic.lastSeen + "); OS upgrades often rename interfaces,"
                            + " e.g. eth0 to enp3s0")
                    .orElse("node " + node.name + " has no interface named " + configured);
            String fix = vanished.map(nic -> "restore interface " + configured + " on the node, or ")
                            .orElse("")
                    + otherInterfaces(node, present);
            findings.add(
                    Finding.error(FindingCode.INTERFACE_NOT_FOUND, message, fix).withCandidates(candidates));
            return;
        }
        NodeInterface nic = match.get();
        if (nic.loopback) {
            findings.add(Finding.error(
                            FindingCode.INTERFACE_IS_LOOPBACK,
                            "interface " + nic.name + " is the loopback: multicast on it never leaves the node",
                            otherInterfaces(node, present))
                    .withCandidates(candidates));
        }
        if (!nic.up) {
            findings.add(Finding.error(
                    FindingCode.INTERFACE_DOWN,
                    "interface " + nic.name + " is down",
                    "bring it up on the node (ip link set dev " + nic.name + " up) and check its cable or link"));
        }
        if (!nic.multicast) {
            findings.add(Finding.error(
                            FindingCode.INTERFACE_NOT_MULTICAST,
                            "interface " + nic.name + " is not multicast-capable",
                            "enable multicast on the node (ip link set dev " + nic.name + " multicast on) or "
                                    + otherInterfaces(node, present))
                    .withCandidates(candidates));
        }
        if (!nic.hasIpv4()) {
            findings.add(Finding.error(
                    FindingCode.INTERFACE_NO_IPV4,
                    "interface " + nic.name + " has no IPv4 address; udpcast multicast is IPv4 only",
                    "add an IPv4 address to " + nic.name + " on the node, or " + otherInterfaces(node, present)));
        }
        if (node.address != null && !nic.carries(node.address)) {
            Optional<NodeInterface> carrier = present.stream()
                    .filter(other -> other.carries(node.address))
                    .findFirst();
            String where = carrier.map(other -> "it is on " + other.name).orElse("no interface of the node carries it");
            findings.add(Finding.warning(
                            FindingCode.ADDRESS_NOT_ON_INTERFACE,
                            "clients reach the node at " + node.address + " but " + where + ", not on " + nic.name
                                    + ": the stream may go to a network the clients are not on",
                            carrier.map(other -> "set \"multicastInterface\": \"" + other.name
                                            + "\" (multicast then goes onto its network "
                                            + String.join(", ", other.ipv4Networks()) + ") or correct \"address\"")
                                    .orElse("correct \"address\" to one the node really has"))
                    .withCandidates(candidates));
        }
    }

    private void checkImageRoot(StorageNode node, NodeRuntime runtime, List<Finding> findings) {
        if (runtime.storageRoot == null || runtime.storageRoot.isBlank()) {
            findings.add(Finding.error(
                    FindingCode.IMAGE_ROOT_NOT_REPORTED,
                    "sender-service on node " + node.name + " reports no storage root",
                    node.group == null
                            ? "configure the storage root of sender-service"
                            : "configure the storage root of sender-service as " + node.group.imageRoot));
            return;
        }
        if (!Boolean.TRUE.equals(runtime.storageRootReadable)) {
            findings.add(Finding.error(
                    FindingCode.IMAGE_ROOT_UNREADABLE,
                    "storage root " + runtime.storageRoot + " is missing or unreadable on node " + node.name,
                    "create " + runtime.storageRoot + " on the node and let the sender-service user read it;"
                            + " a master must physically hold the images it sends"));
        }
        if (node.group != null && !samePath(runtime.storageRoot, node.group.imageRoot)) {
            findings.add(Finding.warning(
                    FindingCode.IMAGE_ROOT_MISMATCH,
                    "node " + node.name + " serves images from " + runtime.storageRoot + " but group " + node.group.name
                            + " keeps them under " + node.group.imageRoot,
                    "make the sender's storage root and the group's \"imageRoot\" the same path"));
        }
    }

    /**
     * The fix when the configured interface cannot carry multicast. Another interface of the node is
     * another network (often the real LAN next to a lab link), so none is named as the fix on its
     * own: each is listed with its network, and choosing one is left to someone who knows where the
     * clients are.
     */
    private static String otherInterfaces(StorageNode node, List<NodeInterface> present) {
        List<String> others = present.stream()
                .filter(NodeInterface::suitableForMulticast)
                .filter(nic -> !nic.name.equals(node.multicastInterface))
                .map(nic -> describe(node, nic))
                .toList();
        if (others.isEmpty()) {
            return "the node has no other up, multicast-capable interface with IPv4: fix its network first";
        }
        return "set \"multicastInterface\" to another of its interfaces, only one on the clients' network"
                + " (multicast then goes onto that interface's network): " + String.join(", ", others);
    }

    private static String describe(StorageNode node, NodeInterface nic) {
        List<String> networks = nic.ipv4Networks();
        String network =
                networks.size() == 1 ? "network " + networks.get(0) : "networks " + String.join(", ", networks);
        return "\"" + nic.name + "\" (" + network
                + (nic.carries(node.address) ? ", carries the node address " + node.address : "") + ")";
    }

    private static boolean samePath(String a, String b) {
        return stripTrailingSlash(a).equals(stripTrailingSlash(b));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
