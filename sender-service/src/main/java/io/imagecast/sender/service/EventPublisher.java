package io.imagecast.sender.service;

import io.imagecast.events.ImagecastMessage;
import java.util.concurrent.CompletionStage;

/** Publishes events of this node; the stage completes once the broker has acknowledged the event. */
public interface EventPublisher {
    CompletionStage<Void> publish(ImagecastMessage message);
}
