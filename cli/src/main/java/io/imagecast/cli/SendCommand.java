package io.imagecast.cli;

import io.imagecast.udpcast.sender.Duplex;
import io.imagecast.udpcast.sender.PointToPoint;
import io.imagecast.udpcast.sender.SenderConfig;
import io.imagecast.udpcast.sender.SenderEvent;
import io.imagecast.udpcast.sender.TransferResult;
import io.imagecast.udpcast.sender.UdpcastSender;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code imagecast send}: udp-sender's options, several --file for a multi-partition image. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Send files to udpcast receivers (stock udp-receiver or `imagecast receive`), one transfer"
                + " per file on the same port base.")
public final class SendCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--file"},
            required = true,
            description = "File to send; repeat for a multi-file image.")
    List<Path> files;

    @Mixin
    UdpcastOptions common;

    @Option(names = "--mcast-data-address", description = "Multicast data group.")
    String dataAddress;

    @Option(
            names = "--min-receivers",
            defaultValue = "0",
            description = "Start when this many receivers are connected.")
    int minReceivers;

    @Option(names = "--min-wait", defaultValue = "0", description = "Seconds after the first receiver before starting.")
    double minWait;

    @Option(names = "--max-wait", description = "Start this many seconds after the first receiver, even with fewer.")
    Double maxWait;

    @Option(
            names = "--start-timeout",
            defaultValue = "600",
            description = "Fail when not started after this many seconds (default ${DEFAULT-VALUE}).")
    double startTimeout;

    @Option(names = "--max-bitrate", description = "Rate cap, bits/s with k/m/g suffix (e.g. 800m).")
    String maxBitrate;

    @Option(names = "--full-duplex", description = "Pipeline two slices (default).")
    boolean fullDuplex;

    @Option(names = "--half-duplex", description = "One slice at a time.")
    boolean halfDuplex;

    @Option(
            names = {"-b", "--blocksize"},
            defaultValue = "1456",
            description = "Bytes per packet (default ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(
            names = "--slice-size",
            defaultValue = "0",
            description = "Blocks per slice, 1..1024 (default 112 full duplex, 130 half).")
    int sliceSize;

    @Option(names = "--pointopoint", description = "Always send data unicast (one receiver only).")
    boolean pointToPoint;

    @Option(names = "--nopointopoint", description = "Never send data unicast.")
    boolean noPointToPoint;

    @Option(names = "--broadcast", description = "Send data to the broadcast address.")
    boolean broadcast;

    @Option(
            names = "--rexmit-hello-interval",
            defaultValue = "500",
            description = "Milliseconds between HELLOs until the start (default ${DEFAULT-VALUE}).")
    long helloInterval;

    @Option(
            names = "--retries-until-drop",
            defaultValue = "200",
            description = "Unanswered requests before a receiver is dropped.")
    int retriesUntilDrop;

    @Option(
            names = "--receiver-timeout",
            defaultValue = "10",
            description = "Drop a receiver silent this many seconds (default ${DEFAULT-VALUE}).")
    double receiverTimeout;

    @Option(
            names = "--rejoin-timeout",
            defaultValue = "30",
            description = "Seconds to wait for receivers to re-join for the next file (default ${DEFAULT-VALUE}).")
    double rejoinTimeout;

    @Option(names = "--nokbd", description = "Do not start on a keypress (or end of stdin).")
    boolean noKeyboard;

    @Option(
            names = "--autostart",
            hidden = true,
            description = "Accepted for udp-sender compatibility: start after N hellos.")
    Integer autostart;

    @Option(names = "--log", hidden = true, description = "Accepted for udp-sender compatibility; ignored.")
    String log;

    @Override
    public Integer call() throws Exception {
        if (fullDuplex && halfDuplex) {
            throw new IllegalArgumentException("--full-duplex and --half-duplex exclude each other");
        }
        if (pointToPoint && noPointToPoint) {
            throw new IllegalArgumentException("--pointopoint and --nopointopoint exclude each other");
        }
        SenderConfig.Builder b = SenderConfig.builder()
                .interfaceName(common.interfaceName)
                .portBase(common.portBase)
                .dataAddress(dataAddress)
                .rendezvousAddress(common.rendezvousAddress)
                .ttl(common.ttl)
                .minReceivers(minReceivers)
                .minWait(EngineRun.seconds(minWait))
                .startTimeout(EngineRun.seconds(startTimeout))
                .maxBitrate(maxBitrate == null ? 0 : Bitrate.parse(maxBitrate))
                .duplex(halfDuplex ? Duplex.HALF : Duplex.FULL)
                .blockSize(blockSize)
                .sliceSize(sliceSize)
                .pointToPoint(
                        pointToPoint ? PointToPoint.ALWAYS : noPointToPoint ? PointToPoint.NEVER : PointToPoint.AUTO)
                .broadcast(broadcast)
                .helloInterval(Duration.ofMillis(helloInterval))
                .retriesUntilDrop(retriesUntilDrop)
                .receiverTimeout(EngineRun.seconds(receiverTimeout))
                .rejoinTimeout(EngineRun.seconds(rejoinTimeout));
        if (maxWait != null) {
            b.maxWait(EngineRun.seconds(maxWait));
        } else if (autostart != null) {
            b.maxWait(Duration.ofMillis(helloInterval * (autostart + 1)));
        }
        SenderConfig config = b.build();
        PrintStream err = System.err;
        return EngineRun.run(
                vertx -> {
                    UdpcastSender sender = UdpcastSender.create(vertx, config, files, e -> report(err, e));
                    if (!noKeyboard) {
                        Keyboard.onKeyOrEnd(sender::startNow);
                    }
                    return sender.start();
                },
                TransferResult::success,
                SendCommand::summary);
    }

    private void report(PrintStream err, SenderEvent event) {
        if (common.quiet) {
            return;
        }
        if (event instanceof SenderEvent.Notice n) {
            err.println(n.message());
        } else if (event instanceof SenderEvent.ReceiverDropped d) {
            err.println("Dropped " + d.address() + ": " + d.reason());
        } else if (event instanceof SenderEvent.ReceiverDesync d) {
            err.println("DESYNC " + d.address() + ": " + d.detail());
        } else if (event instanceof SenderEvent.Progress p) {
            err.printf(
                    Locale.ROOT,
                    "file %d/%d: %,d of %,d bytes, %.1f Mbit/s, %d retransmitted%n",
                    p.fileIndex() + 1,
                    p.fileCount(),
                    p.fileBytesAcked(),
                    p.fileBytes(),
                    p.rateBitsPerSecond() / 1e6,
                    p.retransmittedBlocks());
        }
    }

    static String summary(TransferResult r) {
        double seconds = Math.max(r.millis(), 1) / 1000.0;
        return String.format(
                Locale.ROOT,
                "imagecast send: %s, %d bytes in %.3f s, %.1f Mbit/s, receivers %d/%d complete%s",
                r.outcome(),
                r.bytes(),
                seconds,
                r.bytes() * 8 / seconds / 1e6,
                r.completedReceivers(),
                r.receivers().size(),
                r.reason() == null ? "" : " (" + r.reason() + ")");
    }
}
