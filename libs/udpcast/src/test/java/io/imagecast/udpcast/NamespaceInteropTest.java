package io.imagecast.udpcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.netlab.LabHost;
import io.imagecast.netlab.NetLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability and robustness in network namespaces (needs root): our engine against stock
 * udp-sender / udp-receiver, with loss, killed receivers, timeouts and hostile datagrams. Every test
 * compares sha256 of every received file.
 */
class NamespaceInteropTest {
    private static final long SLICE = 112L * 1456;
    private static final long[] SIZES = {0, 1, 1456, 1455, 1457, SLICE, 1_234_567, 50_000_000};

    private static Lab lab;
    private static LabHost sender;
    private static List<Path> sizeFiles;

    @BeforeAll
    static void buildLab() throws Exception {
        String why = NetLab.unavailableReason();
        assumeTrue(why == null, () -> "namespace tests skipped: " + why);
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/udp-sender")), "namespace tests skipped: udpcast not installed");
        lab = new Lab(10);
        sender = lab.host(0);
        sizeFiles = new ArrayList<>();
        for (long size : SIZES) {
            sizeFiles.add(lab.randomFile("in-" + size + ".bin", size, size));
        }
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<Path> outputs(String prefix, int count) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(lab.dir.resolve(prefix + "-" + i + ".out"));
        }
        return out;
    }

    private static List<String> sendArgs(int port, int minReceivers, List<String> options, List<Path> files) {
        List<String> args = new ArrayList<>(List.of("send", Integer.toString(port), Integer.toString(minReceivers)));
        args.addAll(options);
        args.add("--");
        files.forEach(f -> args.add(f.toString()));
        return args;
    }

    // 1 + 4 (default control address): our sender, every size as consecutive files, stock receivers run
    // one udp-receiver per file like FOS
    @Test
    void ourSenderToOneTwoAndEightStockReceivers() throws Exception {
        int port = 9100;
        for (int n : new int[] {1, 2, 8}) {
            List<Process> receivers = new ArrayList<>();
            List<List<Path>> outs = new ArrayList<>();
            for (int r = 1; r <= n; r++) {
                List<Path> o = outputs("t1-n" + n + "-r" + r, SIZES.length);
                outs.add(o);
                receivers.add(lab.stockReceiverChain(lab.host(r), "t1-n" + n + "-stockrx" + r, port, o, ""));
            }
            Process s = lab.java(sender, "t1-n" + n + "-sender", sendArgs(port, n, List.of(), sizeFiles));
            assertThat(Lab.await(s, 120))
                    .as("sender exit, n=%d: %s", n, lab.readLog("t1-n" + n + "-sender"))
                    .isZero();
            for (int r = 0; r < n; r++) {
                assertThat(Lab.await(receivers.get(r), 30))
                        .as("stock receiver %d exit", r + 1)
                        .isZero();
                for (int f = 0; f < SIZES.length; f++) {
                    Lab.assertSameContent(sizeFiles.get(f), outs.get(r).get(f));
                }
            }
            port += 2;
        }
    }

    // 2: stock udp-sender (one process per file) -> two of our receivers
    @Test
    void stockSenderToOurReceivers() throws Exception {
        int port = 9200;
        List<List<Path>> outs = List.of(outputs("t2-r1", SIZES.length), outputs("t2-r2", SIZES.length));
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<String> args = new ArrayList<>(List.of("receive", Integer.toString(port)));
            outs.get(r).forEach(o -> args.add(o.toString()));
            receivers.add(lab.java(lab.host(r + 1), "t2-ourrx" + r, args));
        }
        for (Path file : sizeFiles) {
            Process s = lab.start(
                    sender,
                    "t2-stocksender",
                    List.of(
                            "udp-sender",
                            "--interface",
                            "e0",
                            "--nokbd",
                            "--portbase",
                            Integer.toString(port),
                            "--min-receivers",
                            "2",
                            "--file",
                            file.toString()));
            assertThat(Lab.await(s, 90)).as("stock sender for %s", file).isZero();
        }
        for (int r = 0; r < 2; r++) {
            assertThat(Lab.await(receivers.get(r), 30))
                    .as("our receiver %d: %s", r, lab.readLog("t2-ourrx" + r))
                    .isZero();
            for (int f = 0; f < SIZES.length; f++) {
                Lab.assertSameContent(sizeFiles.get(f), outs.get(r).get(f));
            }
        }
    }

    // 3 + 8 (receiver side): our sender -> our receivers, with a flood at one receiver's port
    @Test
    void ourSenderToOurReceiversUnderFlood() throws Exception {
        int port = 9300;
        List<Path> files = List.of(sizeFiles.get(0), sizeFiles.get(3), sizeFiles.get(6), sizeFiles.get(7));
        List<List<Path>> outs = List.of(outputs("t3-r1", files.size()), outputs("t3-r2", files.size()));
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<String> args = new ArrayList<>(List.of("receive", Integer.toString(port)));
            outs.get(r).forEach(o -> args.add(o.toString()));
            receivers.add(lab.java(lab.host(r + 1), "t3-ourrx" + r, args));
        }
        Thread.sleep(1500); // receivers connect before the flood starts (rendezvous is not authenticated)
        Process s = lab.java(sender, "t3-sender", sendArgs(port, 2, List.of("maxBitrate=300000000"), files));
        Thread.sleep(1500);
        Process flood = lab.java(
                lab.host(9), "t3-flood", List.of("flood", lab.host(1).address(), Integer.toString(port), "2500"));
        assertThat(Lab.await(s, 120)).as("sender: %s", lab.readLog("t3-sender")).isZero();
        Lab.await(flood, 30);
        assertThat(lab.readLog("t3-flood")).contains("FLOOD sent=");
        for (int r = 0; r < 2; r++) {
            assertThat(Lab.await(receivers.get(r), 30))
                    .as("our receiver %d: %s", r, lab.readLog("t3-ourrx" + r))
                    .isZero();
            for (int f = 0; f < files.size(); f++) {
                Lab.assertSameContent(files.get(f), outs.get(r).get(f));
            }
        }
    }

    // 4: a 4-file image to stock receivers run per file exactly as FOS runs them
    @Test
    void fourFileImageToFosStyleStockReceivers() throws Exception {
        int port = 9400;
        List<Path> image = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            image.add(lab.randomFile("part" + i + ".img", 3_000_000L + i * 777_777L, 100 + i));
        }
        String fosFlags = "--ttl 32 --mcast-rdv-address " + sender.address();
        List<Process> receivers = new ArrayList<>();
        List<List<Path>> outs = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            List<Path> o = outputs("t4-r" + r, image.size());
            outs.add(o);
            receivers.add(lab.stockReceiverChain(lab.host(r), "t4-stockrx" + r, port, o, fosFlags));
        }
        Process s = lab.java(sender, "t4-sender", sendArgs(port, 3, List.of("ttl=32"), image));
        assertThat(Lab.await(s, 120)).as("sender: %s", lab.readLog("t4-sender")).isZero();
        String log = lab.readLog("t4-sender");
        assertThat(log).contains("FileCompleted[fileIndex=3");
        for (int r = 0; r < 3; r++) {
            assertThat(Lab.await(receivers.get(r), 30)).isZero();
            for (int f = 0; f < image.size(); f++) {
                Lab.assertSameContent(image.get(f), outs.get(r).get(f));
            }
        }
    }

    // 5: random loss on every receiver link
    @Test
    void completesUnderOneAndFivePercentLoss() throws Exception {
        int port = 9500;
        Path file = lab.randomFile("loss.bin", 20_000_000, 5);
        for (double loss : new double[] {1, 5}) {
            try {
                for (int r = 1; r <= 3; r++) {
                    lab.net.setLoss(lab.host(r), loss);
                }
                List<Path> stockOut = List.of(
                        lab.dir.resolve("t5-" + (int) loss + "-r1.out"),
                        lab.dir.resolve("t5-" + (int) loss + "-r2.out"));
                Path ourOut = lab.dir.resolve("t5-" + (int) loss + "-r3.out");
                List<Process> receivers = new ArrayList<>();
                receivers.add(lab.stockReceiverChain(lab.host(1), "t5-stockrx1", port, List.of(stockOut.get(0)), ""));
                receivers.add(lab.stockReceiverChain(lab.host(2), "t5-stockrx2", port, List.of(stockOut.get(1)), ""));
                receivers.add(lab.java(
                        lab.host(3), "t5-ourrx3", List.of("receive", Integer.toString(port), ourOut.toString())));
                Process s = lab.java(sender, "t5-sender-" + (int) loss, sendArgs(port, 3, List.of(), List.of(file)));
                assertThat(Lab.await(s, 120))
                        .as("sender at %s%% loss: %s", loss, lab.readLog("t5-sender-" + (int) loss))
                        .isZero();
                for (Process p : receivers) {
                    assertThat(Lab.await(p, 30)).isZero();
                }
                Lab.assertSameContent(file, stockOut.get(0));
                Lab.assertSameContent(file, stockOut.get(1));
                Lab.assertSameContent(file, ourOut);
            } finally {
                for (int r = 1; r <= 3; r++) {
                    lab.net.setLoss(lab.host(r), 0);
                }
            }
            port += 2;
        }
    }

    // 6: one of three receivers killed mid-transfer
    @Test
    void killedReceiverIsDroppedAndTheOthersComplete() throws Exception {
        int port = 9600;
        Path file = sizeFiles.get(7);
        List<Path> outs = outputs("t6", 3);
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            receivers.add(lab.stockReceiverChain(lab.host(r + 1), "t6-stockrx" + r, port, List.of(outs.get(r)), ""));
        }
        Process s = lab.java(
                sender,
                "t6-sender",
                sendArgs(port, 3, List.of("maxBitrate=100000000", "receiverTimeoutMs=1500"), List.of(file)));
        Thread.sleep(2500);
        receivers.get(2).descendants().forEach(ProcessHandle::destroyForcibly);
        receivers.get(2).destroyForcibly();
        int exit = Lab.await(s, 120);
        String log = lab.readLog("t6-sender");
        assertThat(exit).as("partial result is not success: %s", log).isEqualTo(1);
        assertThat(log).contains("ReceiverDropped[address=" + lab.host(3).address());
        assertThat(log).contains("RESULT PARTIAL");
        for (int r = 0; r < 2; r++) {
            assertThat(Lab.await(receivers.get(r), 30)).isZero();
            Lab.assertSameContent(file, outs.get(r));
        }
    }

    // a network that fails under the sender mid-transfer (every send refused): the receivers are dropped
    // once they have been out of reach for the receiver timeout, and the transfer fails with the reason
    @Test
    void transferEndsWhenTheNetworkFailsUnderTheSender() throws Exception {
        int port = 9700;
        Path file = sizeFiles.get(7);
        List<Path> outs = outputs("t6c", 2);
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            receivers.add(lab.stockReceiverChain(lab.host(r + 4), "t6c-stockrx" + r, port, List.of(outs.get(r)), ""));
        }
        Process s = lab.java(
                sender,
                "t6c-sender",
                sendArgs(port, 2, List.of("maxBitrate=40000000", "receiverTimeoutMs=2000"), List.of(file)));
        Thread.sleep(3000);
        String table = "icu_refuse_" + port;
        // netfilter's output hook refuses every datagram to the receivers' port: sendmsg fails (EPERM)
        lab.net.run(sender, List.of("nft", "add", "table", "inet", table));
        lab.net.run(
                sender,
                List.of("nft", "add", "chain", "inet", table, "out", "{ type filter hook output priority 0 ; }"));
        lab.net.run(sender, List.of("nft", "add", "rule", "inet", table, "out", "udp", "dport", "" + port, "drop"));
        long refusedAt = System.nanoTime();
        try {
            int exit = Lab.await(s, 30);
            double seconds = (System.nanoTime() - refusedAt) / 1e9;
            String log = lab.readLog("t6c-sender");
            assertThat(exit).as("the transfer fails: %s", log).isEqualTo(1);
            assertThat(log).contains("RESULT FAILED");
            assertThat(log).contains("ReceiverDropped[address=" + lab.host(4).address());
            assertThat(seconds)
                    .as("ended %.1f s after the network failed", seconds)
                    .isLessThan(8.0);
        } finally {
            lab.net.run(sender, List.of("nft", "delete", "table", "inet", table));
            receivers.forEach(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    // 6 (API): dropReceiver on request and cancel() disconnect stock receivers cleanly and promptly
    @Test
    void dropOnRequestAndCancelEndStockReceiversPromptly() throws Exception {
        int port = 9650;
        Path file = sizeFiles.get(7);
        List<Path> outs = outputs("t6b", 3);
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            receivers.add(lab.stockReceiverChain(lab.host(r + 1), "t6b-stockrx" + r, port, List.of(outs.get(r)), ""));
        }
        Process s = lab.java(
                sender,
                "t6b-sender",
                sendArgs(
                        port,
                        3,
                        List.of(
                                "maxBitrate=100000000",
                                "dropAfterMs=2500:" + lab.host(3).address()),
                        List.of(file)));
        assertThat(Lab.await(receivers.get(2), 20))
                .as("dropped stock receiver exits non-zero, promptly")
                .isEqualTo(1);
        assertThat(Lab.await(s, 120)).isEqualTo(1);
        String log = lab.readLog("t6b-sender");
        assertThat(log)
                .contains("ReceiverDropped[address=" + lab.host(3).address()
                        + ", fileIndex=0, reason=dropped on request");
        assertThat(log).contains("RESULT PARTIAL");
        assertThat(lab.readLog("t6b-stockrx2")).contains("Dropped by server");
        for (int r = 0; r < 2; r++) {
            assertThat(Lab.await(receivers.get(r), 30)).isZero();
            Lab.assertSameContent(file, outs.get(r));
        }

        int cport = port + 2;
        List<Process> cancelled = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            cancelled.add(lab.stockReceiverChain(
                    lab.host(r + 1), "t6c-stockrx" + r, cport, List.of(lab.dir.resolve("t6c-" + r + ".out")), ""));
        }
        Process c = lab.java(
                sender,
                "t6c-sender",
                sendArgs(cport, 2, List.of("maxBitrate=100000000", "cancelAfterMs=2500"), List.of(file)));
        assertThat(Lab.await(c, 30)).isEqualTo(1);
        assertThat(lab.readLog("t6c-sender")).contains("RESULT CANCELLED");
        for (Process p : cancelled) {
            assertThat(Lab.await(p, 20))
                    .as("a cancelled stock receiver exits non-zero, promptly")
                    .isEqualTo(1);
        }
    }

    // 7: start timeout without receivers; max-wait starts with fewer than min-receivers
    @Test
    void startTimeoutAndMaxWait() throws Exception {
        int port = 9700;
        long t0 = System.nanoTime();
        Process s = lab.java(
                sender, "t7-timeout", sendArgs(port, 2, List.of("startTimeoutMs=1500"), List.of(sizeFiles.get(6))));
        assertThat(Lab.await(s, 30)).isEqualTo(1);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(seconds).as("fails fast").isLessThan(10);
        assertThat(lab.readLog("t7-timeout")).contains("start timeout: 0 receiver(s) connected, 2 required");

        Path out = lab.dir.resolve("t7-maxwait.out");
        Process rx = lab.stockReceiverChain(lab.host(1), "t7-stockrx", port + 2, List.of(out), "");
        t0 = System.nanoTime();
        Process s2 = lab.java(
                sender, "t7-maxwait", sendArgs(port + 2, 2, List.of("maxWaitMs=1500"), List.of(sizeFiles.get(6))));
        assertThat(Lab.await(s2, 60)).as(lab.readLog("t7-maxwait")).isZero();
        assertThat(Lab.await(rx, 30)).isZero();
        Lab.assertSameContent(sizeFiles.get(6), out);
        String log = lab.readLog("t7-maxwait");
        assertThat(log).contains("FileStarted[fileIndex=0, fileCount=1");
    }

    // 8 (sender side): hostile datagrams at our sender's port during a transfer
    @Test
    void floodAtSenderPortDoesNotStopTheTransfer() throws Exception {
        int port = 9800;
        Path file = sizeFiles.get(7);
        List<Path> outs = outputs("t8", 2);
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            receivers.add(lab.stockReceiverChain(lab.host(r + 1), "t8-stockrx" + r, port, List.of(outs.get(r)), ""));
        }
        Process s = lab.java(sender, "t8-sender", sendArgs(port, 2, List.of("maxBitrate=200000000"), List.of(file)));
        Thread.sleep(1500);
        Process flood = lab.java(
                lab.host(9), "t8-flood", List.of("flood", sender.address(), Integer.toString(port + 1), "2000"));
        assertThat(Lab.await(s, 120)).as(lab.readLog("t8-sender")).isZero();
        Lab.await(flood, 30);
        String log = lab.readLog("t8-sender");
        assertThat(log).containsPattern("malformedDropped=[1-9]");
        for (int r = 0; r < 2; r++) {
            assertThat(Lab.await(receivers.get(r), 30)).isZero();
            Lab.assertSameContent(file, outs.get(r));
        }
    }

    // a receiver whose CONNECT_REPLY was lost just before the start gets another when it asks again; one
    // that then never answers is dropped after a bounded time while the others complete
    @Test
    void lostConnectReplyIsRepeatedAndASilentGhostIsDropped() throws Exception {
        int port = 9900;
        Path file = sizeFiles.get(6);
        List<Path> outs = outputs("t9", 2);
        List<Process> receivers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            receivers.add(lab.stockReceiverChain(lab.host(r + 1), "t9-stockrx" + r, port, List.of(outs.get(r)), ""));
        }
        Process ghost =
                lab.java(lab.host(9), "t9-ghost", List.of("ghost", sender.address(), Integer.toString(port), "1000"));
        Process s = lab.java(sender, "t9-sender", sendArgs(port, 3, List.of(), List.of(file)));
        assertThat(Lab.await(ghost, 40)).as(lab.readLog("t9-ghost")).isZero();
        assertThat(Lab.await(s, 60)).as(lab.readLog("t9-sender")).isEqualTo(1);
        String log = lab.readLog("t9-sender");
        assertThat(log).contains("Repeated CONNECT_REPLY to " + lab.host(9).address());
        assertThat(log)
                .contains("ReceiverDropped[address=" + lab.host(9).address() + ", fileIndex=0, reason=never answered");
        assertThat(log).contains("RESULT PARTIAL");
        for (int r = 0; r < 2; r++) {
            assertThat(Lab.await(receivers.get(r), 30)).isZero();
            Lab.assertSameContent(file, outs.get(r));
        }
    }
}
