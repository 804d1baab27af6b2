package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.InjectEmbeddedPostgres;
import io.imagecast.testsupport.OwnDatabaseProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that cannot serve (the real server stopped, or every pooled connection taken) is
 * answered 503 problem+json with Retry-After, and the service serves again once it can.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    public static class OwnDatabase extends OwnDatabaseProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size", "2",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1S");
        }
    }

    @InjectEmbeddedPostgres
    EmbeddedPostgres postgres;

    @Inject
    DataSource dataSource;

    private final List<Connection> held = new ArrayList<>();

    @AfterEach
    void releaseAndRestart() throws Exception {
        for (Connection connection : held) {
            connection.close();
        }
        held.clear();
        if (!postgres.isRunning()) {
            postgres.restart();
        }
    }

    @Test
    void aStoppedDatabaseIs503WithRetryAfterAndTheServiceRecoversByItself() {
        asViewer().get("/api/v1/nodes").then().statusCode(200);

        postgres.stop();

        asViewer()
                .get("/api/v1/nodes")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://imagecast.io/problems/database-unavailable"));
        asViewer().get("/api/v1/groups/{name}", "any").then().statusCode(503).header("Retry-After", equalTo("5"));

        postgres.restart();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> asViewer().get("/api/v1/nodes").then().statusCode(200));
    }

    @Test
    void aPoolWithoutAFreeConnectionIs503WithRetryAfter() throws Exception {
        assertThat(postgres.isRunning()).isTrue();
        held.add(dataSource.getConnection());
        held.add(dataSource.getConnection());

        asViewer()
                .get("/api/v1/nodes")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://imagecast.io/problems/database-unavailable"));
    }
}
