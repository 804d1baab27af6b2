package io.imagecast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.udpcast.receiver.ReceiveResult;
import io.imagecast.udpcast.sender.SenderStats;
import io.imagecast.udpcast.sender.TransferResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImagecastCliTest {

    @Test
    void parsesUdpSenderStyleBitRates() {
        assertThat(Bitrate.parse("800m")).isEqualTo(800_000_000L);
        assertThat(Bitrate.parse("1g")).isEqualTo(1_000_000_000L);
        assertThat(Bitrate.parse("1.5M")).isEqualTo(1_500_000L);
        assertThat(Bitrate.parse("500000")).isEqualTo(500_000L);
        assertThatThrownBy(() -> Bitrate.parse("fast")).hasMessageContaining("not a bit rate");
        assertThatThrownBy(() -> Bitrate.parse("-5m")).hasMessageContaining("not a bit rate");
    }

    @Test
    void missingFileIsAClearErrorNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = ImagecastCli.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.getSubcommands().get("send").setErr(new PrintWriter(err));
        int code = cli.execute("send", "--nokbd", "--file", "/nonexistent/part1.img");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("not a readable regular file: /nonexistent/part1.img")
                .doesNotContain("Exception");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CommandLine cli = ImagecastCli.commandLine();
        StringWriter err = new StringWriter();
        cli.getSubcommands().get("receive").setErr(new PrintWriter(err));
        assertThat(cli.execute("receive", "--file", "x", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void summaryLinesCarryBytesSecondsRateAndReceivers() {
        TransferResult r = new TransferResult(
                TransferResult.Outcome.PARTIAL,
                "1 receiver(s) did not get everything",
                50_000_000,
                2_000,
                List.of(
                        new TransferResult.ReceiverOutcome("10.0.0.2", true, 1, 50_000_000, null),
                        new TransferResult.ReceiverOutcome("10.0.0.3", false, 0, 0, "no answer")),
                new SenderStats(0, 0, 0, 0, 0, 0));
        assertThat(SendCommand.summary(r))
                .isEqualTo("imagecast send: PARTIAL, 50000000 bytes in 2.000 s, 200.0 Mbit/s, receivers 1/2 complete"
                        + " (1 receiver(s) did not get everything)");
        ReceiveResult rr = new ReceiveResult(true, 1_000_000, 3_000, 1_000, "10.0.0.1", null, 0, 0);
        assertThat(ReceiveCommand.summary(rr))
                .isEqualTo("imagecast receive: COMPLETED, 1000000 bytes in 1.000 s, 8.0 Mbit/s, sender 10.0.0.1");
    }
}
