package io.imagecast.sender.messaging;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.service.EventPublisher;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Transfer events and heartbeats on their topics, in CloudEvents binary mode. */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {
    private final Emitter<byte[]> transferEvents;
    private final Emitter<byte[]> heartbeats;
    private final String source;

    public KafkaEventPublisher(
            @Channel("transfer-events") Emitter<byte[]> transferEvents,
            @Channel("node-heartbeats") Emitter<byte[]> heartbeats,
            SenderConfig config) {
        this.transferEvents = transferEvents;
        this.heartbeats = heartbeats;
        this.source = "/imagecast/sender-service/" + config.nodeId();
    }

    @Override
    public CompletionStage<Void> publish(ImagecastMessage message) {
        EventMetadata metadata = EventMetadata.newEvent(EventTypes.typeOf(message), source, message.key());
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(metadata, headers);
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.key())
                .withHeaders(headers)
                .build();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<byte[]> record = Message.of(EventJson.toBytes(message), Metadata.of(kafka))
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitterFor(message).send(record);
        } catch (RuntimeException e) {
            // e.g. the emitter's buffer is full or the channel is down: the caller decides what that means
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    private Emitter<byte[]> emitterFor(ImagecastMessage message) {
        return message instanceof NodeHeartbeat ? heartbeats : transferEvents;
    }
}
