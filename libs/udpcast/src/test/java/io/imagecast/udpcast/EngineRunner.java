package io.imagecast.udpcast;

import io.imagecast.udpcast.net.TransportChoice;
import io.imagecast.udpcast.receiver.ReceiveResult;
import io.imagecast.udpcast.receiver.ReceiverConfig;
import io.imagecast.udpcast.receiver.ReceiverEvent;
import io.imagecast.udpcast.receiver.UdpcastReceiver;
import io.imagecast.udpcast.sender.SenderConfig;
import io.imagecast.udpcast.sender.SenderEvent;
import io.imagecast.udpcast.sender.TransferResult;
import io.imagecast.udpcast.sender.UdpcastSender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs our sender or receiver in a child JVM (started inside a lab namespace by the tests).
 * Usage: {@code send <portbase> <minReceivers> <extra k=v>... -- files...} or
 * {@code receive <portbase> <file>}. Prints events and a final RESULT line; exit 0 only on success.
 */
public final class EngineRunner {
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx(TransportChoice.apply(new VertxOptions()));
        System.out.println("TRANSPORT " + TransportChoice.describe(vertx));
        int code;
        try {
            code = switch (args[0]) {
                case "send" -> send(vertx, args);
                case "receive" -> receive(vertx, args);
                case "flood" -> Flood.run(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
                case "ghost" -> Ghost.run(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
                default -> throw new IllegalArgumentException(args[0]);
            };
        } finally {
            vertx.close();
        }
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }

    private static int send(Vertx vertx, String[] args) throws Exception {
        SenderConfig.Builder b = SenderConfig.builder()
                .interfaceName("e0")
                .portBase(Integer.parseInt(args[1]))
                .minReceivers(Integer.parseInt(args[2]));
        List<Path> files = new ArrayList<>();
        String dropSpec = null;
        long cancelAfterMs = -1;
        boolean inFiles = false;
        for (int i = 3; i < args.length; i++) {
            if (inFiles) {
                files.add(Path.of(args[i]));
            } else if (args[i].equals("--")) {
                inFiles = true;
            } else {
                String[] kv = args[i].split("=", 2);
                switch (kv[0]) {
                    case "startTimeoutMs" -> b.startTimeout(Duration.ofMillis(Long.parseLong(kv[1])));
                    case "maxWaitMs" -> b.maxWait(Duration.ofMillis(Long.parseLong(kv[1])));
                    case "receiverTimeoutMs" -> b.receiverTimeout(Duration.ofMillis(Long.parseLong(kv[1])));
                    case "rejoinTimeoutMs" -> b.rejoinTimeout(Duration.ofMillis(Long.parseLong(kv[1])));
                    case "maxBitrate" -> b.maxBitrate(Long.parseLong(kv[1]));
                    case "rdv" -> b.rendezvousAddress(kv[1]);
                    case "ttl" -> b.ttl(Integer.parseInt(kv[1]));
                    case "dropAfterMs" -> dropSpec = kv[1]; // <ms>:<address>
                    case "cancelAfterMs" -> cancelAfterMs = Long.parseLong(kv[1]);
                    default -> throw new IllegalArgumentException("unknown option " + kv[0]);
                }
            }
        }
        UdpcastSender sender = UdpcastSender.create(vertx, b.build(), files, EngineRunner::print);
        var done = sender.start().toCompletableFuture();
        if (dropSpec != null) {
            String[] d = dropSpec.split(":", 2);
            vertx.setTimer(Long.parseLong(d[0]), id -> sender.dropReceiver(d[1], "test request"));
        }
        if (cancelAfterMs > 0) {
            vertx.setTimer(cancelAfterMs, id -> sender.cancel("test cancel"));
        }
        TransferResult r = done.get();
        System.out.println("RESULT " + r.outcome() + " receivers=" + r.receivers() + " stats=" + r.stats() + " millis="
                + r.millis() + " reason=" + r.reason());
        return r.success() ? 0 : 1;
    }

    private static void print(SenderEvent e) {
        if (e instanceof SenderEvent.Progress p) {
            System.out.printf(
                    "PROGRESS file %d: %d/%d bytes, %.0f Mbit/s, pacing %d Mbit/s, %d retransmitted%n",
                    p.fileIndex() + 1,
                    p.fileBytesAcked(),
                    p.fileBytes(),
                    p.rateBitsPerSecond() / 1e6,
                    p.pacingBitsPerSecond() / 1_000_000,
                    p.retransmittedBlocks());
            return;
        }
        System.out.println("EVENT " + e);
    }

    /** Receives each file in turn, one udpcast transfer per file, like a FOS client does. */
    private static int receive(Vertx vertx, String[] args) throws Exception {
        ReceiverConfig config = ReceiverConfig.builder()
                .interfaceName("e0")
                .portBase(Integer.parseInt(args[1]))
                .startTimeout(Duration.ofSeconds(60))
                .receiveTimeout(Duration.ofSeconds(20))
                .build();
        for (int i = 2; i < args.length; i++) {
            UdpcastReceiver receiver = UdpcastReceiver.create(vertx, config, EngineRunner::print);
            ReceiveResult r =
                    receiver.receiveTo(Path.of(args[i])).toCompletableFuture().get();
            System.out.println("RESULT " + r);
            if (!r.success()) {
                return 1;
            }
        }
        return 0;
    }

    private static void print(ReceiverEvent e) {
        if (!(e instanceof ReceiverEvent.Progress)) {
            System.out.println("EVENT " + e);
        }
    }
}
