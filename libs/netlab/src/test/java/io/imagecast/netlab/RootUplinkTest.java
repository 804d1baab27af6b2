package io.imagecast.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootUplinkTest {

    @Test
    void rootNamespaceReachesTheLabHostsAndTheUplinkGoesAway() throws Exception {
        String why = NetLab.unavailableReason();
        assumeTrue(why == null, () -> "namespace test skipped: " + why);
        String uplinkName;
        try (NetLab lab = NetLab.create("icd", "10.204.9", 1);
                RootUplink uplink = RootUplink.attach(lab, "up", 254)) {
            uplinkName = uplink.interfaceName();
            assertThat(uplinkName).isEqualTo(lab.name() + "up");
            assertThat(uplink.address()).isEqualTo("10.204.9.254");
            assertThat(Shell.run(List.of("ip", "-4", "addr", "show", "dev", uplinkName)))
                    .contains("10.204.9.254/24")
                    .contains("brd 10.204.9.255");

            // a datagram from a lab host arrives at a socket bound to the uplink address in the root namespace
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(uplink.address()))) {
                socket.setSoTimeout(5000);
                String send = "echo uplink-ok >/dev/udp/" + uplink.address() + "/" + socket.getLocalPort();
                assertThat(Shell.tryRun(lab.host(0).exec(List.of("bash", "-c", send)))
                                .exitCode())
                        .isZero();
                DatagramPacket packet = new DatagramPacket(new byte[64], 64);
                socket.receive(packet);
                assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                        .isEqualTo("uplink-ok\n");
                assertThat(packet.getAddress().getHostAddress())
                        .isEqualTo(lab.host(0).address());
            }
        }
        assertThat(Shell.tryRun(List.of("ip", "link", "show", "dev", uplinkName))
                        .exitCode())
                .as("the uplink is deleted")
                .isNotZero();
    }

    @Test
    void refusesAnAddressOfALabHost() {
        String why = NetLab.unavailableReason();
        assumeTrue(why == null, () -> "namespace test skipped: " + why);
        try (NetLab lab = NetLab.create("icd", "10.204.9", 1)) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> RootUplink.attach(lab, "up", 1))
                    .withMessageContaining("10.204.9.1");
        }
    }
}
