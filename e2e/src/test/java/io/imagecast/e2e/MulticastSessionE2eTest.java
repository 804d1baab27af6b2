package io.imagecast.e2e;

import static io.imagecast.e2e.E2eSystem.PARTITIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as deployed ({@link E2eSystem}): sessions through the REST API to three client
 * namespaces running stock udp-receiver the way FOG's client does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MulticastSessionE2eTest {
    E2eSystem system;

    @BeforeAll
    void startTheSystem() throws Exception {
        String unavailable = E2eSystem.unavailableReason();
        assumeTrue(unavailable == null, () -> "end-to-end lab skipped: " + unavailable);
        system = E2eSystem.start("e2e", 3);
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void everyClientReceivesByteIdenticalPartitions() throws Exception {
        String session = system.createSession("complete", PARTITIONS, null);
        List<FogClient> running = system.startClients(session, PARTITIONS);

        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(90));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
        assertThat(done.getList("receivers.ip")).containsExactlyInAnyOrderElementsOf(system.clientAddresses());
        assertThat(done.getList("receivers.state")).containsOnly("COMPLETED");
        system.assertClientsGotTheImage(running);
    }

    @Test
    @Order(2)
    void aClientThatDiesMidTransferMakesTheSessionPartial() throws Exception {
        // slow enough (8 Mbit/s, ~4 s per partition) to kill a client while the first partition flows
        String session = system.createSession("one-dies", PARTITIONS, 8_000_000L);
        List<FogClient> running = system.startClients(session, PARTITIONS);
        FogClient victim = running.get(2);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> system.sessionView(session).getLong("progress.bytesSent") > 0);
        victim.kill(system.lab);
        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(120));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("PARTIAL");
        String victimAddress = victim.host().address();
        assertThat(done.getString("reason")).contains(victimAddress);
        assertThat(done.getString("receivers.find { it.ip == '" + victimAddress + "' }.state"))
                .isEqualTo("DROPPED");
        system.assertClientsGotTheImage(running.subList(0, 2));
    }

    @Test
    @Order(3)
    void aMissingImageFileFailsTheSessionNamingThePath() {
        String session = system.createSession("missing-file", List.of("d1p1.img", "d1p9.img"), null);

        JsonPath done = system.awaitTerminal(session, Duration.ofSeconds(30));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("FAILED");
        // Named relative to the storage root: viewers read reasons, the server's layout stays hidden.
        assertThat(done.getString("reason"))
                .contains("image file " + E2eSystem.IMAGE + "/d1p9.img does not exist")
                .doesNotContain(system.storageRoot.toString());
    }
}
