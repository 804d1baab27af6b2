package io.imagecast.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.node.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiagnosticianTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final Diagnostician diagnostician = new Diagnostician(Duration.ofSeconds(15));
    private StorageNode node;
    private NodeRuntime runtime;
    private List<NodeInterface> interfaces;

    @BeforeEach
    void healthyNode() {
        StorageGroup group = new StorageGroup();
        group.name = "site-a";
        group.imageRoot = "/images";
        node = new StorageNode();
        node.name = "store-1";
        node.group = group;
        node.address = "10.0.0.5";
        node.enabled = true;
        node.multicastInterface = "enp3s0";
        node.maxSessions = 4;
        runtime = NodeRuntime.neverHeardFrom("store-1");
        runtime.lastHeartbeat = NOW.minusSeconds(2);
        runtime.storageRoot = "/images/";
        runtime.storageRootReadable = true;
        interfaces = new ArrayList<>(List.of(
                nic("lo", "127.0.0.1", 8, true, false, true),
                nic("enp3s0", "10.0.0.5", 24, true, true, false),
                nic("enp4s0", "192.168.7.2", 24, true, true, false)));
    }

    @Test
    void healthyNodeHasNoFindingsAndIsOnline() {
        List<Finding> findings = diagnose(true);
        assertThat(findings).isEmpty();
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.ONLINE);
    }

    @Test
    void unknownInterfaceListsCandidatesAndNamesTheOneCarryingTheAddress() {
        node.multicastInterface = "eth0";
        List<Finding> findings = diagnose(true);
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.INTERFACE_NOT_FOUND);
            assertThat(finding.message()).contains("no interface named eth0");
            assertThat(finding.fix()).contains("\"enp3s0\"");
            assertThat(finding.candidates())
                    .extracting(InterfaceCandidate::name)
                    .containsExactly("lo", "enp3s0", "enp4s0");
            assertThat(finding.candidates())
                    .filteredOn(InterfaceCandidate::suitable)
                    .extracting(InterfaceCandidate::name)
                    .containsExactly("enp3s0", "enp4s0");
            assertThat(finding.candidates().get(1).addresses()).containsExactly("10.0.0.5/24");
        });
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.MISCONFIGURED);
        assertThat(Diagnostician.reasons(findings)).hasSize(1);
    }

    @Test
    void renamedInterfaceIsExplained() {
        node.multicastInterface = "eth0";
        NodeInterface gone = nic("eth0", "10.0.0.5", 24, true, true, false);
        gone.present = false;
        gone.lastSeen = NOW.minusSeconds(86_400);
        interfaces.add(gone);
        assertThat(diagnose(true)).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.INTERFACE_NOT_FOUND);
            assertThat(finding.message()).contains("disappeared").contains("rename");
            assertThat(finding.candidates())
                    .extracting(InterfaceCandidate::name)
                    .doesNotContain("eth0");
        });
    }

    @Test
    void vanishedInterfaceIsNotSwappedForAnotherNetworkWithoutSayingSo() {
        // the demo's lab veth is gone; the node's other interfaces are its real networks
        node.multicastInterface = "veth-demo";
        NodeInterface gone = nic("veth-demo", "10.99.0.1", 24, true, true, true);
        gone.present = false;
        gone.lastSeen = NOW.minusSeconds(600);
        interfaces.add(gone);

        assertThat(diagnose(true)).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.INTERFACE_NOT_FOUND);
            assertThat(finding.fix())
                    .doesNotContain("set \"multicastInterface\": \"enp3s0\"")
                    .contains("restore interface veth-demo on the node")
                    .contains("\"enp3s0\" (network 10.0.0.0/24, carries the node address 10.0.0.5)")
                    .contains("\"enp4s0\" (network 192.168.7.0/24)")
                    .contains("multicast then goes onto that interface's network");
        });
    }

    @Test
    void unsuitableConfiguredInterfaceListsTheOthersWithTheirNetworks() {
        node.multicastInterface = "lo";
        assertThat(diagnose(true))
                .filteredOn(finding -> finding.code() == FindingCode.INTERFACE_IS_LOOPBACK)
                .singleElement()
                .satisfies(finding -> assertThat(finding.fix())
                        .doesNotContain("set \"multicastInterface\": \"enp3s0\"")
                        .contains("\"enp3s0\" (network 10.0.0.0/24, carries the node address 10.0.0.5)")
                        .contains("onto that interface's network"));
    }

    @Test
    void proposalForANodeWithoutInterfaceNamesTheNetworkItSendsOnto() {
        node.multicastInterface = null;
        assertThat(InterfaceProposal.forNode(node, interfaces))
                .hasValueSatisfying(p -> assertThat(p.reason()).contains("network 10.0.0.0/24"));
        assertThat(diagnose(true))
                .singleElement()
                .satisfies(finding -> assertThat(finding.fix()).contains("network 10.0.0.0/24"));
    }

    @Test
    void downNonMulticastInterfaceWithoutIpv4GetsOneFindingPerProblem() {
        NodeInterface broken = interfaces.get(1);
        broken.up = false;
        broken.multicast = false;
        broken.addresses = List.of(new IpAddressOnInterface("fe80::1", 64, "inet6"));
        List<Finding> findings = diagnose(true);
        assertThat(findings)
                .extracting(Finding::code)
                .containsExactlyInAnyOrder(
                        FindingCode.INTERFACE_DOWN,
                        FindingCode.INTERFACE_NOT_MULTICAST,
                        FindingCode.INTERFACE_NO_IPV4,
                        FindingCode.ADDRESS_NOT_ON_INTERFACE);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.fix()).isNotBlank());
    }

    @Test
    void loopbackIsRefused() {
        node.multicastInterface = "lo";
        assertThat(diagnose(true))
                .extracting(Finding::code)
                .contains(FindingCode.INTERFACE_IS_LOOPBACK, FindingCode.INTERFACE_NOT_MULTICAST);
    }

    @Test
    void missingInterfaceSettingProposesTheOnlySuitableCarrier() {
        node.multicastInterface = null;
        assertThat(diagnose(true)).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.INTERFACE_NOT_CONFIGURED);
            assertThat(finding.fix()).contains("\"enp3s0\"").contains("only");
        });
        assertThat(InterfaceProposal.forNode(node, interfaces))
                .hasValueSatisfying(p -> assertThat(p.interfaceName()).isEqualTo("enp3s0"));
    }

    @Test
    void noProposalWhenTwoInterfacesCarryTheAddress() {
        node.multicastInterface = null;
        interfaces.add(nic("bond0", "10.0.0.5", 24, true, true, true));
        assertThat(InterfaceProposal.forNode(node, interfaces)).isEmpty();
    }

    @Test
    void neverHeardFromSkipsInterfaceChecks() {
        runtime.lastHeartbeat = null;
        node.multicastInterface = "eth0";
        List<Finding> findings = diagnose(true);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.NEVER_HEARD_FROM);
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.UNKNOWN);
    }

    @Test
    void silentNodeIsOffline() {
        runtime.lastHeartbeat = NOW.minusSeconds(60);
        List<Finding> findings = diagnose(true);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.NODE_OFFLINE);
        assertThat(findings.get(0).message()).contains("60 s ago");
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.OFFLINE);
    }

    @Test
    void groupWithoutMasterIsReportedButIsNotTheNodesMisconfiguration() {
        List<Finding> findings = diagnose(false);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.GROUP_WITHOUT_MASTER);
        assertThat(findings.get(0).fix()).contains("/api/v1/groups/site-a/master");
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.ONLINE);
    }

    @Test
    void storageRootProblems() {
        runtime.storageRootReadable = false;
        assertThat(diagnose(true)).extracting(Finding::code).containsExactly(FindingCode.IMAGE_ROOT_UNREADABLE);

        runtime.storageRoot = null;
        assertThat(diagnose(true)).extracting(Finding::code).containsExactly(FindingCode.IMAGE_ROOT_NOT_REPORTED);

        runtime.storageRoot = "/srv/images";
        runtime.storageRootReadable = true;
        List<Finding> findings = diagnose(true);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.IMAGE_ROOT_MISMATCH);
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.ONLINE);
    }

    @Test
    void discoveredNodeNeedsGroupAddressAndInterface() {
        node.group = null;
        node.address = null;
        node.enabled = false;
        node.multicastInterface = null;
        List<Finding> findings = diagnose(false);
        assertThat(findings)
                .extracting(Finding::code)
                .contains(
                        FindingCode.NODE_DISABLED,
                        FindingCode.NODE_WITHOUT_GROUP,
                        FindingCode.NODE_WITHOUT_ADDRESS,
                        FindingCode.INTERFACE_NOT_CONFIGURED);
        assertThat(diagnostician.statusOf(runtime, findings, NOW)).isEqualTo(NodeStatus.MISCONFIGURED);
    }

    private List<Finding> diagnose(boolean groupHasMaster) {
        return diagnostician.diagnose(node, runtime, interfaces, groupHasMaster, NOW);
    }

    private static NodeInterface nic(
            String name, String address, int prefix, boolean up, boolean multicast, boolean loopbackOrVirtual) {
        NodeInterface nic = new NodeInterface();
        nic.nodeName = "store-1";
        nic.name = name;
        nic.addresses = List.of(new IpAddressOnInterface(address, prefix, "inet"));
        nic.up = up;
        nic.multicast = multicast;
        nic.loopback = name.equals("lo");
        nic.virtual = loopbackOrVirtual;
        nic.mtu = 1500;
        nic.present = true;
        nic.lastSeen = NOW;
        return nic;
    }
}
