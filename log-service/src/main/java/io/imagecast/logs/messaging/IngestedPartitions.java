package io.imagecast.logs.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of the logs topic that this replica's ingest consumer owns now (the consumer
 * group gives each partition to one replica). Their lines reach the live tail as they are stored;
 * {@link TailFanOut} brings the lines of every other partition.
 */
@ApplicationScoped
@Identifier(IngestedPartitions.NAME)
public class IngestedPartitions implements KafkaConsumerRebalanceListener {
    static final String NAME = "logs-ingest-partitions";

    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    public boolean owns(String topic, int partition) {
        return owned.contains(new TopicPartition(topic, partition));
    }
}
