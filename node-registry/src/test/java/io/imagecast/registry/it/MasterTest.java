package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.asViewer;
import static io.imagecast.registry.it.RegistryApi.createGroup;
import static io.imagecast.registry.it.RegistryApi.createGroupWithNode;
import static io.imagecast.registry.it.RegistryApi.createNode;
import static io.imagecast.registry.it.RegistryApi.node;
import static io.imagecast.registry.it.RegistryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.registry.it.RegistryApi.GroupWithNode;
import io.imagecast.registry.service.HeartbeatService;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class MasterTest {
    @Inject
    HeartbeatService heartbeats;

    @Inject
    EntityManager entityManager;

    @Test
    void onlyANodeThatHeartbeatedCanBeMaster() {
        GroupWithNode registered = createGroupWithNode("nas", 31000, "10.31.0.2");
        String group = registered.group();
        String nas = registered.node();
        asAdmin()
                .body(Map.of("node", nas))
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/master-not-eligible"))
                .body("reason", equalTo("never-heartbeated"))
                .body("detail", containsString("sender-service"));

        String other = unique("g");
        createGroup(other, 31100, 31110);
        String stranger = unique("n");
        createNode(node(stranger, other, "10.31.1.2"));
        heartbeats.record(Heartbeats.of(stranger, "10.31.1.2", "eth0"), Instant.now());
        asAdmin()
                .body(Map.of("node", stranger))
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(409)
                .body("reason", equalTo("other-group"));
        asAdmin()
                .body(Map.of("node", unique("ghost")))
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(409)
                .body("reason", equalTo("unknown-node"));
        asViewer()
                .body(Map.of("node", stranger))
                .put("/api/v1/groups/" + other + "/master")
                .then()
                .statusCode(403);
    }

    @Test
    void switchingMovesTheFlagAndAMasterCannotLeaveItsGroup() {
        String group = unique("g");
        createGroup(group, 31200, 31210);
        List<String> members = heartbeatingNodes(group, 2, "10.31.2.");
        setMaster(group, members.get(0));
        setMaster(group, members.get(1));
        asViewer().get("/api/v1/groups/" + group + "/master").then().body("node", equalTo(members.get(1)));
        asViewer().get("/api/v1/groups/" + group).then().body("master", equalTo(members.get(1)));
        asViewer().get("/api/v1/nodes/" + members.get(0)).then().body("master", equalTo(false));

        String etag = asViewer().get("/api/v1/nodes/" + members.get(1)).header("ETag");
        Map<String, Object> disabled = node(members.get(1), group, "10.31.2.1");
        disabled.put("enabled", false);
        asAdmin()
                .header("If-Match", etag)
                .body(disabled)
                .put("/api/v1/nodes/" + members.get(1))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/node-is-master"));

        asAdmin().delete("/api/v1/groups/" + group + "/master").then().statusCode(200);
        asViewer().get("/api/v1/groups/" + group + "/master").then().body("node", equalTo(null));
    }

    @Test
    void oneCallMovesTheMasterToAnotherGroupAsItsMaster() {
        String from = unique("g");
        createGroup(from, 31500, 31510);
        String to = unique("g");
        createGroup(to, 31520, 31530);
        String mover = heartbeatingNodes(from, 1, "10.31.5.").get(0);
        String incumbent = heartbeatingNodes(to, 1, "10.31.6.").get(0);
        setMaster(from, mover);
        setMaster(to, incumbent);
        String etag = asViewer().get("/api/v1/nodes/" + mover).header("ETag");
        Map<String, Object> move = Map.of("group", to, "master", true);

        asAdmin()
                .body(move)
                .post("/api/v1/nodes/" + mover + "/move")
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        asAdmin()
                .header("If-Match", "\"999\"")
                .body(move)
                .post("/api/v1/nodes/" + mover + "/move")
                .then()
                .statusCode(412)
                .body("type", equalTo("https://imagecast.io/problems/precondition-failed"));
        asViewer()
                .get("/api/v1/nodes/" + mover)
                .then()
                .body("group", equalTo(from))
                .body("master", equalTo(true));

        String newEtag = asAdmin()
                .header("If-Match", etag)
                .body(move)
                .post("/api/v1/nodes/" + mover + "/move")
                .then()
                .statusCode(200)
                .body("node.name", equalTo(mover))
                .body("node.group", equalTo(to))
                .body("node.master", equalTo(true))
                .body("previousGroup", equalTo(from))
                .body("previousGroupWithoutMaster", equalTo(true))
                .extract()
                .header("ETag");

        assertThat(newEtag).isNotEqualTo(etag);
        asViewer().get("/api/v1/nodes/" + mover).then().header("ETag", newEtag);
        asViewer().get("/api/v1/groups/" + to + "/master").then().body("node", equalTo(mover));
        asViewer().get("/api/v1/groups/" + from + "/master").then().body("node", equalTo(null));
        asViewer().get("/api/v1/nodes/" + incumbent).then().body("master", equalTo(false));
        assertThat(masterCount(to)).isEqualTo(1L);
        assertThat(masterCount(from)).isZero();
    }

    @Test
    void aRefusedMoveChangesNothing() {
        String from = unique("g");
        createGroup(from, 31540, 31550);
        String to = unique("g");
        createGroup(to, 31560, 31570);
        String master = heartbeatingNodes(from, 1, "10.31.7.").get(0);
        setMaster(from, master);
        String nas = unique("nas");
        String etag = createNode(node(nas, from, "10.31.7.50"));

        asAdmin()
                .header("If-Match", etag)
                .body(Map.of("group", to, "master", true))
                .post("/api/v1/nodes/" + nas + "/move")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/master-not-eligible"))
                .body("reason", equalTo("never-heartbeated"));
        asViewer().get("/api/v1/nodes/" + nas).then().header("ETag", etag).body("group", equalTo(from));

        String masterEtag = asViewer().get("/api/v1/nodes/" + master).header("ETag");
        asAdmin()
                .header("If-Match", masterEtag)
                .body(Map.of("group", unique("nogroup"), "master", true))
                .post("/api/v1/nodes/" + master + "/move")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://imagecast.io/problems/validation-failed"));
        asViewer().get("/api/v1/groups/" + from + "/master").then().body("node", equalTo(master));
    }

    @Test
    void theDatabaseItselfRefusesASecondMaster() {
        String group = unique("g");
        createGroup(group, 31300, 31310);
        List<String> members = heartbeatingNodes(group, 2, "10.31.3.");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                        .run(() -> entityManager
                                .createNativeQuery("update storage_node set master = true where group_name = :group")
                                .setParameter("group", group)
                                .executeUpdate()))
                .hasStackTraceContaining("storage_node_one_master_per_group");
        assertThat(masterCount(group)).isZero();
        assertThat(members).hasSize(2);
    }

    @Test
    void concurrentSwitchesNeverLeaveTwoMasters() throws Exception {
        String group = unique("race");
        createGroup(group, 31400, 31410);
        List<String> members = heartbeatingNodes(group, 6, "10.31.4.");
        int rounds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(members.size() + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean racing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> mastersSeen = new ConcurrentLinkedQueue<>();
        try {
            Future<?> sampler = pool.submit(() -> {
                start.await();
                while (racing.get()) {
                    mastersSeen.add(masterCount(group));
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (String member : members) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        statuses.add(asAdmin()
                                .body(Map.of("node", member))
                                .put("/api/v1/groups/" + group + "/master")
                                .statusCode());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            racing.set(false);
            sampler.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).hasSize(members.size() * rounds).containsOnly(200);
        assertThat(mastersSeen)
                .isNotEmpty()
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(1L));
        assertThat(masterCount(group)).isEqualTo(1L);
        String master =
                asViewer().get("/api/v1/groups/" + group + "/master").jsonPath().getString("node");
        assertThat(members).contains(master);
        List<String> flagged = asViewer()
                .queryParam("group", group)
                .get("/api/v1/nodes")
                .jsonPath()
                .getList("items.findAll { it.master }.name");
        assertThat(flagged).containsExactly(master);
    }

    private long masterCount(String group) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery(
                                        "select count(*) from storage_node where group_name = :group and master")
                                .setParameter("group", group)
                                .getSingleResult())
                        .longValue());
    }

    private List<String> heartbeatingNodes(String group, int count, String subnet) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = group + "-n" + i;
            createNode(node(name, group, subnet + i));
            heartbeats.record(Heartbeats.of(name, subnet + i, "eth0"), Instant.now());
            names.add(name);
        }
        return names;
    }

    private static void setMaster(String group, String node) {
        asAdmin()
                .body(Map.of("node", node))
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(200)
                .body("node", equalTo(node));
    }
}
