package io.imagecast.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program a client runs per partition: stock {@code udp-receiver} with FOS's options (no keyboard,
 * port base, TTL 32, the storage node as rendezvous address), or {@code imagecast receive} with the same
 * options where udpcast is not installed.
 */
record ReceiverProgram(String label, List<String> prefix) {
    static final Path STOCK = Path.of("/usr/bin/udp-receiver");

    static ReceiverProgram stock() {
        return new ReceiverProgram("stock udp-receiver", List.of(STOCK.toString()));
    }

    /** This CLI's own receiver, run from the jar the demo itself runs from. */
    static ReceiverProgram imagecast(Path javaExecutable, Path cliJar) {
        return new ReceiverProgram(
                "imagecast receive",
                List.of(javaExecutable.toString(), "-Xmx128m", "-jar", cliJar.toString(), "receive"));
    }

    static boolean stockInstalled() {
        return Files.isExecutable(STOCK);
    }

    List<String> commandFor(int portBase, String rendezvousAddress, Path output) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                "--nokbd",
                "--portbase",
                Integer.toString(portBase),
                "--ttl",
                "32",
                "--mcast-rdv-address",
                rendezvousAddress,
                "--file",
                output.toString()));
        return command;
    }
}
