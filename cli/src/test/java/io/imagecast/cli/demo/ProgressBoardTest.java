package io.imagecast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {
    private static final long MIB = 1 << 20;

    private static ProgressBoard.Snapshot snapshot(long elapsedMillis, long pc1, long pc2) {
        return snapshot(elapsedMillis, pc1, pc2, null);
    }

    private static ProgressBoard.Snapshot snapshot(long elapsedMillis, long pc1, long pc2, Duration senderSilence) {
        return new ProgressBoard.Snapshot(
                "TRANSFERRING",
                1,
                4,
                118_000_000,
                3,
                100 * MIB,
                elapsedMillis,
                List.of(
                        new ProgressBoard.HostLine("pc1", "10.204.0.1", pc1, "RECEIVING"),
                        new ProgressBoard.HostLine("pc2", "10.204.0.2", pc2, "RECEIVING")),
                senderSilence);
    }

    @Test
    void blockShowsEachHostAndTheTotal() {
        List<String> lines = ProgressBoard.block(snapshot(5000, 50 * MIB, 30 * MIB));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("TRANSFERRING").contains("file 2/4").contains("118.0 Mbit/s");
        assertThat(lines.get(1)).contains("pc1").contains(" 50.0%").contains("50.0 MiB / 100 MiB");
        assertThat(lines.get(2)).contains("pc2").contains(" 30.0%");
        assertThat(lines.get(3)).contains("total").contains(" 40.0%").contains("80.0 MiB / 200 MiB");
    }

    @Test
    void aSilentSenderIsNamedOnTheTotalLine() {
        List<String> lines = ProgressBoard.block(snapshot(5000, 50 * MIB, 30 * MIB, Duration.ofMillis(6400)));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).contains("total").contains(" 40.0%").endsWith("sender silent for 6 s");
        assertThat(ProgressBoard.block(snapshot(5000, 50 * MIB, 30 * MIB)).get(3))
                .doesNotContain("silent");
    }

    @Test
    void plainOutputSaysSoAsSoonAsTheSenderFallsSilent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBoard board = new ProgressBoard(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        board.draw(snapshot(1000, 10 * MIB, 10 * MIB));
        board.draw(snapshot(2000, 10 * MIB, 10 * MIB, Duration.ofSeconds(3)));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).doesNotContain("silent");
        assertThat(lines.get(1)).startsWith("[2s]").endsWith("| sender silent for 3 s");
    }

    @Test
    void terminalRedrawsInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBoard board = new ProgressBoard(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        board.draw(snapshot(1000, 0, 0));
        board.draw(snapshot(2000, MIB, MIB));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("\033[4F").containsOnlyOnce("\033[4F");
    }

    @Test
    void plainOutputPrintsOnlyChanges() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBoard board = new ProgressBoard(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        board.draw(snapshot(1000, 10 * MIB, 10 * MIB));
        board.draw(snapshot(2000, 10 * MIB, 10 * MIB));
        board.draw(snapshot(3000, 20 * MIB, 10 * MIB));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("[1s] TRANSFERRING file 2/4 118 Mbit/s | pc1 10% RECEIVING; pc2 10%");
        assertThat(lines.get(1)).startsWith("[3s]").contains("pc1 20%").doesNotContain("\033");
    }
}
