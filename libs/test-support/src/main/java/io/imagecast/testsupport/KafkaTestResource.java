package io.imagecast.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker: the one named by {@code IMAGECAST_KAFKA}, or a
 * broker started once per JVM that already answers an AdminClient when this returns.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrapServers = SharedInfrastructure.kafkaBootstrapServers();
        // kafka.bootstrap.servers is the default the SmallRye Kafka connector and Quarkus' Kafka
        // client use for every channel.
        return Map.of("kafka.bootstrap.servers", bootstrapServers, "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker outlives a single test class; a shutdown hook stops it with the JVM.
    }
}
