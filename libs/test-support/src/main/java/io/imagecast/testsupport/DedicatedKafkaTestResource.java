package io.imagecast.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a Kafka broker of its own, which the test may {@link
 * EmbeddedKafka#stop() stop} and {@link EmbeddedKafka#restart() restart} without disturbing other
 * test classes. Always an embedded broker (never {@code IMAGECAST_KAFKA}): the test must own the
 * process. The broker is handed to fields annotated {@link InjectEmbeddedKafka}.
 *
 * <p>Meant for a {@code QuarkusTestProfile} whose {@code testResources()} lists it and whose {@code
 * disableGlobalTestResources()} is true, so the shared {@link KafkaTestResource} cannot also set
 * {@code kafka.bootstrap.servers}.
 */
public class DedicatedKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(), "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                kafka, new TestInjector.AnnotatedAndMatchesType(InjectEmbeddedKafka.class, EmbeddedKafka.class));
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
