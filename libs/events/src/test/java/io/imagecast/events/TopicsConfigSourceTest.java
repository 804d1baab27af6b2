package io.imagecast.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

class TopicsConfigSourceTest {
    private final TopicsConfigSource source = new TopicsConfigSource();

    @Test
    void everyTopicIsOfferedUnderItsKebabCaseName() {
        assertThat(source.getProperties())
                .containsOnly(
                        entry("session-commands", Topics.SESSION_COMMANDS),
                        entry("transfer-events", Topics.TRANSFER_EVENTS),
                        entry("node-heartbeats", Topics.NODE_HEARTBEATS),
                        entry("node-events", Topics.NODE_EVENTS),
                        entry("logs", Topics.LOGS));
        assertThat(source.getValue("imagecast.topics.transfer-events")).isEqualTo("imagecast.transfer-events.v1");
        assertThat(source.getPropertyNames()).hasSize(5);
    }

    @Test
    void configurationFindsItThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::type))
                .contains(TopicsConfigSource.class);
    }

    @Test
    void anyOtherSourceOverridesIt() {
        assertThat(source.getOrdinal()).isLessThan(ConfigSource.DEFAULT_ORDINAL);
    }

    private static java.util.Map.Entry<String, String> entry(String name, String topic) {
        return java.util.Map.entry(TopicsConfigSource.PREFIX + name, topic);
    }
}
