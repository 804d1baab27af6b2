package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
    private static final long MIB = 1 << 20;
    private static final DemoSettings SETTINGS =
            new DemoSettings("http://s", "http://r", "http://l", "t", Path.of("/state"), Optional.empty(), "storage-1");

    private static String print(String state, List<HostResult> hosts) throws Exception {
        // 10 s from the first data to the end
        JsonNode session = new ObjectMapper()
                .readTree("{\"id\":\"s1\",\"state\":\"" + state + "\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"finishedAt\":\"2026-01-01T00:00:10Z\",\"image\":{\"files\":[]}}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DemoSummary(session, hosts, 1000 * MIB, Duration.ofSeconds(30), SETTINGS, Path.of("/run"))
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static HostResult host(String name, long delivered, boolean identical) {
        return new HostResult(name, "10.204.0.1", identical, 0, "", Path.of("/log"), delivered);
    }

    @Test
    void aCompleteRunReportsTheWholeImagePerClientAndInTotal() throws Exception {
        String text = print("COMPLETED", List.of(host("pc1", 1000 * MIB, true), host("pc2", 1000 * MIB, true)));

        // 1000 MiB in 10 s = 838.9 Mbit/s per client, twice that delivered
        assertThat(text).contains("at 838.9 Mbit/s per client (1677.7 Mbit/s delivered in total)");
    }

    @Test
    void aFailedRunReportsOnlyWhatArrivedByteIdentical() throws Exception {
        String text =
                print("FAILED", List.of(host("pc1", 60 * MIB, false), host("pc2", 0, false), host("pc3", 0, false)));

        assertThat(text)
                .doesNotContain("per client")
                .doesNotContain("838.9")
                // 60 MiB of 3 x 1000 MiB, in 10 s
                .contains("delivered byte-identical: 60.0 MiB of 2.9 GiB (2 %), 50.3 Mbit/s in total");
    }

    @Test
    void aPartialRunCountsTheClientsThatGotEverything() throws Exception {
        String text = print("PARTIAL", List.of(host("pc1", 1000 * MIB, true), host("pc2", 300 * MIB, false)));

        assertThat(text).doesNotContain("per client").contains("(65 %), 1090.5 Mbit/s in total");
    }
}
