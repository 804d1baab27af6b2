package io.imagecast.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * A test profile whose PostgreSQL belongs to the test class alone (it may stop and restart it, see
 * {@link DedicatedPostgresTestResource}), with the shared Kafka. The shared per-JVM database stays
 * untouched for other classes. Extend it to add config overrides.
 */
public class OwnDatabaseProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(DedicatedPostgresTestResource.class),
                new TestResourceEntry(KafkaTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
