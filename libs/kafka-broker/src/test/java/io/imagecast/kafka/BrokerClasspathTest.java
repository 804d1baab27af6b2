package io.imagecast.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerClasspathTest {

    @Test
    void brokerClasspathHoldsTheBrokerAndALoggingBinding() {
        List<String> names = BrokerClasspath.brokerJars().stream()
                .map(p -> p.getFileName().toString())
                .toList();

        assertThat(names).anyMatch(n -> n.startsWith("kafka_2.13-4.1.2"));
        assertThat(names).anyMatch(n -> n.startsWith("kafka-server-4.1.2"));
        assertThat(names).anyMatch(n -> n.startsWith("log4j-slf4j2-impl-"));
        assertThat(names).anyMatch(n -> n.startsWith("log4j-core-"));
    }

    @Test
    void childClasspathStartsWithThisModuleSoTheMainClassIsFound() {
        String[] parts = BrokerClasspath.childJvmClasspath().split(File.pathSeparator);

        assertThat(Path.of(parts[0])).isEqualTo(BrokerClasspath.moduleLocation());
        assertThat(parts.length).isGreaterThan(10);
    }

    @Test
    void serverConfigListensOnLoopbackOnlyInCombinedMode() {
        KRaftBroker.Options options = KRaftBroker.Options.parse(new String[] {
            "--dir", "/tmp/x", "--port", "19092", "--controller-port", "19093", "--set", "num.partitions=3"
        });

        var config = KRaftBroker.serverConfig(options);

        assertThat(config)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("num.partitions", "3")
                .containsEntry("log.dirs", "/tmp/x/data");
    }

    @Test
    void missingPortsAreRejectedWithUsage() {
        assertThatThrownBy(() -> KRaftBroker.Options.parse(new String[] {"--dir", "/tmp/x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage");
    }
}
