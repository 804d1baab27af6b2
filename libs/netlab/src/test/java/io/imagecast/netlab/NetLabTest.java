package io.imagecast.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetLabTest {

    @Test
    void buildsReachableHostsAppliesLossAndCleansUp() {
        String why = NetLab.unavailableReason();
        assumeTrue(why == null, () -> "namespace test skipped: " + why);
        String name;
        try (NetLab lab = NetLab.create("icu", "10.201.0", 2)) {
            name = lab.name();
            LabHost a = lab.host(0);
            LabHost b = lab.host(1);
            assertThat(a.address()).isEqualTo("10.201.0.1");
            assertThat(lab.run(a, List.of("ip", "-4", "addr", "show", "e0"))).contains("brd 10.201.0.255");
            assertThat(lab.run(a, List.of("ip", "route"))).contains("224.0.0.0/4 dev e0");
            assertThat(lab.run(a, List.of("ping", "-c", "1", "-W", "2", b.address()))).contains("1 received");
            if (NetLab.nftAvailable()) {
                lab.setLoss(b, 100);
                assertThat(Shell.tryRun(a.exec(List.of("ping", "-c", "2", "-W", "1", b.address()))).exitCode())
                        .isNotZero();
                lab.setLoss(b, 0);
                assertThat(lab.run(a, List.of("ping", "-c", "1", "-W", "2", b.address()))).contains("1 received");
            }
        }
        assertThat(Shell.run(List.of("ip", "netns", "list"))).doesNotContain(name);
    }
}
