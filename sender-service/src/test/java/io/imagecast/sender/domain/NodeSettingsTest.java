package io.imagecast.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
    private final NodeSettings local = NodeSettings.local("eth1", null, 4);

    @Test
    void localConfigurationServesUntilTheRegistrySpeaks() {
        assertThat(local.interfaceName()).isEqualTo("eth1");
        assertThat(local.interfaceRefusal("store-1")).isEmpty();
    }

    @Test
    void theRegistrysInterfaceReplacesTheLocalOne() {
        NodeSettings after = local.withRegistry(snapshot("veth-lab"));

        assertThat(after.interfaceName()).isEqualTo("veth-lab");
        assertThat(after.interfaceRefusal("store-1")).isEmpty();
    }

    @Test
    void clearingTheInterfaceInTheRegistryStopsNewSessionsInsteadOfFallingBack() {
        for (String cleared : new String[] {null, "", "  "}) {
            NodeSettings after = local.withRegistry(snapshot("veth-lab")).withRegistry(snapshot(cleared));

            assertThat(after.interfaceName())
                    .as("interface after clearing to [%s]", cleared)
                    .isNull();
            assertThat(after.interfaceRefusal("store-1"))
                    .as("refusal after clearing to [%s]", cleared)
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .contains("node store-1")
                            .contains("no multicast interface configured in the node registry")
                            .contains("multicastInterface"));
        }
    }

    @Test
    void aNodeTheRegistryNeverGaveAnInterfaceDoesNotSendOnTheLocalOne() {
        NodeSettings after = local.withRegistry(snapshot(null));

        assertThat(after.interfaceRefusal("store-1")).isPresent();
    }

    private static NodeSnapshot snapshot(String multicastInterface) {
        return new NodeSnapshot(
                "store-1",
                null,
                "10.0.0.5",
                true,
                true,
                multicastInterface,
                null,
                2,
                NodeStatus.ONLINE,
                List.of(),
                null);
    }
}
