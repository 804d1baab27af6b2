package io.imagecast.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a PostgreSQL server of its own, which the test may {@link
 * EmbeddedPostgres#stop() stop} and {@link EmbeddedPostgres#restart() restart} without disturbing
 * other test classes. Always embedded (never {@code IMAGECAST_DB_URL}): the test must own the
 * process. The server is handed to fields annotated {@link InjectEmbeddedPostgres}.
 *
 * <p>Meant for a {@code QuarkusTestProfile} whose {@code testResources()} lists it and whose {@code
 * disableGlobalTestResources()} is true, so the shared {@link PostgresTestResource} cannot also set
 * the datasource.
 */
public class DedicatedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedPostgres.start();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.createDatabase("imagecast_dedicated"),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                postgres,
                new TestInjector.AnnotatedAndMatchesType(InjectEmbeddedPostgres.class, EmbeddedPostgres.class));
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
