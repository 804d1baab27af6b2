package io.imagecast.cli;

import io.imagecast.udpcast.receiver.ReceiveResult;
import io.imagecast.udpcast.receiver.ReceiverConfig;
import io.imagecast.udpcast.receiver.ReceiverEvent;
import io.imagecast.udpcast.receiver.UdpcastReceiver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code imagecast receive}: udp-receiver's options; receives one file. */
@Command(
        name = "receive",
        mixinStandardHelpOptions = true,
        description = "Receive one file from a udpcast sender (stock udp-sender or `imagecast send`).")
public final class ReceiveCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--file"},
            required = true,
            description = "Where to write the received file.")
    Path file;

    @Mixin
    UdpcastOptions common;

    @Option(names = "--start-timeout", description = "Fail when no sender answered within this many seconds.")
    Double startTimeout;

    @Option(
            names = "--receive-timeout",
            defaultValue = "60",
            description = "Fail when the sender is silent this many seconds (default ${DEFAULT-VALUE}).")
    double receiveTimeout;

    @Option(
            names = "--exit-wait",
            defaultValue = "500",
            description = "Milliseconds to linger after the end (default ${DEFAULT-VALUE}).")
    long exitWait;

    @Option(
            names = "--rcvbuf",
            defaultValue = "4194304",
            description = "Socket receive buffer in bytes (default ${DEFAULT-VALUE}).")
    int receiveBuffer;

    @Option(names = "--nokbd", description = "Do not ask the sender to start on a keypress (or end of stdin).")
    boolean noKeyboard;

    @Override
    public Integer call() throws Exception {
        ReceiverConfig.Builder b = ReceiverConfig.builder()
                .interfaceName(common.interfaceName)
                .portBase(common.portBase)
                .rendezvousAddress(common.rendezvousAddress)
                .ttl(common.ttl)
                .receiveTimeout(EngineRun.seconds(receiveTimeout))
                .exitWait(Duration.ofMillis(exitWait))
                .receiveBufferSize(receiveBuffer);
        if (startTimeout != null) {
            b.startTimeout(EngineRun.seconds(startTimeout));
        }
        ReceiverConfig config = b.build();
        PrintStream err = System.err;
        return EngineRun.run(
                vertx -> {
                    UdpcastReceiver receiver = UdpcastReceiver.create(vertx, config, e -> report(err, e));
                    if (!noKeyboard) {
                        Keyboard.onKeyOrEnd(receiver::requestStart);
                    }
                    return receiver.receiveTo(file);
                },
                ReceiveResult::success,
                ReceiveCommand::summary);
    }

    private void report(PrintStream err, ReceiverEvent event) {
        if (common.quiet) {
            return;
        }
        if (event instanceof ReceiverEvent.Notice n) {
            err.println(n.message());
        } else if (event instanceof ReceiverEvent.Progress p) {
            err.printf(Locale.ROOT, "bytes=%,d (%.1f Mbit/s)%n", p.bytes(), p.bitsPerSecond() / 1e6);
        }
    }

    static String summary(ReceiveResult r) {
        double seconds = Math.max(r.transferMillis(), 1) / 1000.0;
        return String.format(
                Locale.ROOT,
                "imagecast receive: %s, %d bytes in %.3f s, %.1f Mbit/s, sender %s%s",
                r.success() ? "COMPLETED" : "FAILED",
                r.bytes(),
                seconds,
                r.bytes() * 8 / seconds / 1e6,
                r.sender() == null ? "none" : r.sender(),
                r.reason() == null ? "" : " (" + r.reason() + ")");
    }
}
