package io.imagecast.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetLabTest {

    /** 1: refused (reachable), 124: timed out (unreachable). No ping needed. */
    private static int probe(LabHost from, LabHost to) {
        return Shell.tryRun(from.exec(List.of("timeout", "2", "bash", "-c", "</dev/tcp/" + to.address() + "/9")))
                .exitCode();
    }

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
            assertThat(probe(a, b))
                    .as("a TCP connect to a closed port is refused at once")
                    .isEqualTo(1);
            if (NetLab.nftAvailable()) {
                lab.setLoss(b, 100);
                assertThat(probe(a, b)).as("with 100 % loss it times out").isEqualTo(124);
                lab.setLoss(b, 0);
                assertThat(probe(a, b)).isEqualTo(1);
            }
        }
        assertThat(Shell.run(List.of("ip", "netns", "list"))).doesNotContain(name);
    }
}
