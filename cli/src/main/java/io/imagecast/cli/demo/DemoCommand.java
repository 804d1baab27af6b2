package io.imagecast.cli.demo;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imagecast demo}: one multicast session from a storage node to N client machines, all on this
 * machine (network namespaces), through the real services started by {@code ./imagecast up}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Send a sample multi-partition image to N client machines in network namespaces, through the running"
                    + " services, as FOG does: one stock udp-receiver per partition on each client. Shows live"
                    + " progress, verifies every client's sha256 and exits 0 only if all got byte-identical files.",
            "Run it as `./imagecast demo` (starts the stack first). Needs root."
        })
public final class DemoCommand implements Callable<Integer> {
    static final String SUBNET_PREFIX = "10.204.";

    @Option(names = "--clients", defaultValue = "3", description = "Client machines (1-50, default ${DEFAULT-VALUE}).")
    int clients;

    @Option(
            names = "--size",
            defaultValue = "300M",
            description = "Total image size, split over 4 partitions (e.g. 8M, 300M, 2G; default ${DEFAULT-VALUE}).")
    String size;

    @Option(
            names = "--receiver",
            defaultValue = "auto",
            description = "Client program: stock (udp-receiver), imagecast (imagecast receive), auto (stock when"
                    + " installed; default).")
    String receiver;

    @Option(
            names = "--timeout",
            defaultValue = "600",
            description =
                    "Cancel the session when it has not ended after this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
    boolean plain;

    @Option(names = "--keep-files", description = "Keep the clients' received files (deleted after verification).")
    boolean keepFiles;

    @Option(
            names = "--lab-subnet",
            defaultValue = "10.204.0",
            description = "First three octets of the lab's /24, inside 10.204.0.0/16 (default ${DEFAULT-VALUE}).")
    String labSubnet;

    @Option(names = "--preflight", hidden = true, description = "Only check privileges and tools, then exit.")
    boolean preflight;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        String missing = Privileges.missing();
        if (missing != null) {
            throw new DemoException(missing);
        }
        requireIproute();
        validateSubnet();
        if (clients < 1 || clients > 50) {
            throw new DemoException("--clients must be 1..50");
        }
        long bytes;
        try {
            bytes = ByteSize.parse(size);
        } catch (IllegalArgumentException e) {
            throw new DemoException(e.getMessage());
        }
        if (bytes < 4096) {
            throw new DemoException("--size must be at least 4K");
        }
        ReceiverProgram program = chooseReceiver(out);
        if (preflight) {
            return 0;
        }
        DemoSettings settings = DemoSettings.fromEnvironment(System.getenv());
        DemoRun.Options options = new DemoRun.Options(
                clients,
                bytes,
                labSubnet,
                program,
                Duration.ofSeconds(timeoutSeconds),
                !plain && System.console() != null,
                keepFiles);
        return new DemoRun(settings, options, out).run();
    }

    private ReceiverProgram chooseReceiver(PrintStream out) {
        switch (receiver) {
            case "stock":
                if (!ReceiverProgram.stockInstalled()) {
                    throw new DemoException(ReceiverProgram.STOCK + " is not installed (Debian/Ubuntu: apt-get install"
                            + " udpcast); or use --receiver imagecast");
                }
                return ReceiverProgram.stock();
            case "imagecast":
                return imagecastReceiver();
            case "auto":
                if (ReceiverProgram.stockInstalled()) {
                    return ReceiverProgram.stock();
                }
                if (!preflight) {
                    out.println("demo: udpcast is not installed (apt-get install udpcast): the clients run"
                            + " `imagecast receive` instead of stock udp-receiver");
                }
                return imagecastReceiver();
            default:
                throw new DemoException("--receiver must be stock, imagecast or auto");
        }
    }

    private static ReceiverProgram imagecastReceiver() {
        Path jar;
        try {
            jar = Path.of(DemoCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new DemoException("cannot locate the imagecast CLI jar for `imagecast receive`: " + e.getMessage());
        }
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new DemoException("`imagecast receive` clients need the packaged CLI jar (running from " + jar + ")");
        }
        return ReceiverProgram.imagecast(Path.of(System.getProperty("java.home"), "bin", "java"), jar);
    }

    private void validateSubnet() {
        String[] octets = labSubnet.split("\\.");
        boolean valid = labSubnet.startsWith(SUBNET_PREFIX) && octets.length == 3;
        if (valid) {
            try {
                int third = Integer.parseInt(octets[2]);
                valid = third >= 0 && third <= 255;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new DemoException("--lab-subnet must be three octets inside 10.204.0.0/16, e.g. 10.204.0");
        }
    }

    private static void requireIproute() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "ip"))) {
                return;
            }
        }
        throw new DemoException("the `ip` tool (iproute2) is not installed: apt-get install iproute2");
    }
}
