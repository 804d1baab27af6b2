package io.imagecast.events;

/**
 * Anything published on an imagecast topic. The CloudEvents type travels in the {@code ce_type}
 * header; {@link #key()} is the Kafka record key (the aggregate the message belongs to).
 */
public interface ImagecastMessage {
    String key();
}
