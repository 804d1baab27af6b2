package io.imagecast.session.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.node.NodeStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementRulesTest {

    @Test
    void lowestFreeEvenBaseWithItsOddNeighbourInsideTheWindow() {
        PortWindow window = new PortWindow(9001, 9008);
        assertThat(window.lowestFreeBase(Set.of()).getAsInt()).isEqualTo(9002);
        assertThat(window.lowestFreeBase(Set.of(9002)).getAsInt()).isEqualTo(9004);
        assertThat(window.lowestFreeBase(Set.of(9002, 9004, 9006)).isEmpty())
                .as("9008 would need 9009, outside the window")
                .isTrue();
        assertThat(window.capacity()).isEqualTo(3);
        assertThat(new PortWindow(9000, 9000).capacity()).isZero();
    }

    @Test
    void dataAddressesComeFromThePoolInOrder() {
        List<String> pool = List.of("239.1.1.0/31", "239.2.0.5");
        assertThat(MulticastPool.firstFree(pool, Set.of())).contains("239.1.1.0");
        assertThat(MulticastPool.firstFree(pool, Set.of("239.1.1.0", "239.1.1.1")))
                .contains("239.2.0.5");
        assertThat(MulticastPool.firstFree(pool, Set.of("239.1.1.0", "239.1.1.1", "239.2.0.5")))
                .isEmpty();
        assertThat(MulticastPool.firstFree(List.of("10.0.0.0/24", "not-an-address"), Set.of()))
                .as("unicast and garbage blocks are never used")
                .isEmpty();
    }

    @Test
    void masterCheckExplainsWhyAGroupCannotSend() {
        StorageGroup group = group();
        StorageNode master = node("nas-1", true);
        master.status = NodeStatus.MISCONFIGURED;
        master.problems = List.of("interface eth0 does not exist; the node has eno1");

        MasterCheck check = MasterCheck.of(group, List.of(master, node("nas-2", false)));

        assertThat(check.usable()).isFalse();
        assertThat(check.diagnosis())
                .anyMatch(line -> line.contains("misconfigured"))
                .anyMatch(line -> line.contains("eno1"));
    }

    @Test
    void aMasterWithoutInterfaceIsNotUsableWhateverItsStatusSays() {
        for (String cleared : new String[] {null, "", "  "}) {
            StorageNode master = node("store-1", true);
            master.multicastInterface = cleared;

            MasterCheck check = MasterCheck.of(group(), List.of(master));

            assertThat(check.usable()).as("interface [%s]", cleared).isFalse();
            assertThat(check.diagnosis()).contains("master node 'store-1' has no multicast interface configured");
        }
    }

    @Test
    void groupWithoutMasterNamesItsNodes() {
        MasterCheck check = MasterCheck.of(group(), List.of(node("nas-2", false)));
        assertThat(check.master()).isEmpty();
        assertThat(check.diagnosis().get(0)).contains("no master").contains("nas-2");
    }

    @Test
    void onlineWellConfiguredMasterIsUsable() {
        MasterCheck check = MasterCheck.of(group(), List.of(node("nas-1", true)));
        assertThat(check.usable()).isTrue();
        assertThat(check.master().orElseThrow().nodeId).isEqualTo("nas-1");
    }

    @Test
    void imagePathsCannotLeaveTheImageRoot() {
        assertThat(ImagePath.check("win10/").path()).contains("win10");
        assertThat(ImagePath.check("lab/ubuntu-24.04").path()).contains("lab/ubuntu-24.04");
        for (String hostile : List.of(
                "../etc",
                "a/../../b",
                "/etc/passwd",
                "a//b",
                "./a",
                "a\\..\\b",
                "a\u0000b",
                "~root",
                "C:/x",
                "a b",
                "a;rm -rf",
                "$(reboot)",
                "x".repeat(300))) {
            assertThat(ImagePath.check(hostile).path()).as(hostile).isEmpty();
        }
    }

    private static StorageGroup group() {
        StorageGroup group = new StorageGroup();
        group.name = "lab";
        group.portWindowStart = 9000;
        group.portWindowEnd = 9009;
        group.multicastPool = List.of();
        group.maxSessions = 4;
        return group;
    }

    private static StorageNode node(String id, boolean master) {
        StorageNode node = new StorageNode();
        node.nodeId = id;
        node.groupName = "lab";
        node.enabled = true;
        node.master = master;
        node.multicastInterface = "eno1";
        node.maxSessions = 4;
        node.status = NodeStatus.ONLINE;
        node.problems = List.of();
        return node;
    }
}
