package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.cli.api.ApiClient;
import io.imagecast.cli.api.ExitCodes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create",
        description = "Create a session: the API's fields as flags. Prints the new session's id.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagecast sessions create --name lab-101 --group site-a --image win10 \\",
            "      --expected 12 --max-wait 300",
            "  imagecast sessions create --name pc1 --group site-a --image win10 \\",
            "      --file d1p1.img --host 10.0.0.21 --host name=pc2,mac=00:11:22:33:44:55 \\",
            "      --idempotency-key lab-101-monday"
        })
final class CreateSession extends SessionsApi {
    @Option(names = "--name", required = true, description = "Session name (letters, digits, '.', '_', '-', spaces)")
    String name;

    @Option(names = "--group", required = true, description = "Storage group whose master node sends")
    String group;

    @Option(
            names = "--image",
            required = true,
            paramLabel = "DIR",
            description = "Image directory under the group's image root")
    String imageDir;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "An image file in sending order (repeat); default: the directory's d1p1.img, d1p2.img, ...")
    List<String> files;

    @Option(names = "--expected", paramLabel = "N", description = "Receivers to wait for (instead of or with --host)")
    Integer expectedReceivers;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "An expected client (repeat): IP, MAC, name, or name=...,mac=...,ip=...")
    List<String> hosts;

    @Option(
            names = "--max-wait",
            paramLabel = "SECONDS",
            description = "Start this long after the first receiver joined")
    Integer maxWaitSeconds;

    @Option(names = "--min-wait", paramLabel = "SECONDS", description = "Wait at least this long for receivers")
    Integer minWaitSeconds;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", description = "Fail when no receiver came in time")
    Integer startTimeoutSeconds;

    @Option(
            names = "--start-at",
            paramLabel = "INSTANT",
            description = "Do not start before, e.g. 2026-12-24T06:00:00Z")
    Instant startAt;

    @Option(names = "--max-bitrate", paramLabel = "BPS", description = "Bitrate cap in bit/s")
    Long maxBitrateBps;

    @Option(names = "--duplex", paramLabel = "FULL|HALF", description = "Duplex mode of the receivers' network")
    Duplex duplex;

    @Option(names = "--ttl", description = "Multicast TTL (1-255)")
    Integer ttl;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Sent as Idempotency-Key: repeating the command with the same key returns the same session")
    String idempotencyKey;

    enum Duplex {
        FULL,
        HALF
    }

    @Override
    protected int run() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("name", name);
        ObjectNode image = body.putObject("image");
        image.put("dir", imageDir);
        if (files != null) {
            files.forEach(image.putArray("files")::add);
        }
        body.put("storageGroup", group);
        putIfSet(body, "expectedReceivers", expectedReceivers);
        if (hosts != null) {
            var array = body.putArray("hosts");
            for (String host : hosts) {
                try {
                    array.add(MAPPER.valueToTree(HostSpecs.parse(host)));
                } catch (IllegalArgumentException e) {
                    throw usage(e.getMessage());
                }
            }
        }
        putIfSet(body, "maxWaitSeconds", maxWaitSeconds);
        putIfSet(body, "minWaitSeconds", minWaitSeconds);
        putIfSet(body, "startTimeoutSeconds", startTimeoutSeconds);
        if (startAt != null) {
            body.put("startAt", startAt.toString());
        }
        if (maxBitrateBps != null) {
            body.put("maxBitrateBps", maxBitrateBps);
        }
        if (duplex != null) {
            body.put("duplex", duplex.name());
        }
        putIfSet(body, "ttl", ttl);
        Map<String, String> headers = new HashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        ApiClient.Reply reply = send("POST", sessions(), body, headers);
        JsonNode created = reply.body();
        if (out().json()) {
            out().json(created);
        } else {
            boolean replayed = "true".equalsIgnoreCase(reply.header("Idempotent-Replayed"));
            out().line((replayed ? "Existing session " : "Created session ") + text(created, "id") + " ("
                    + text(created, "name") + "), " + out().paint(text(created, "state")) + " in group "
                    + text(created, "storageGroup") + (replayed ? " (same idempotency key)" : ""));
            out().line("Follow it: imagecast sessions watch " + text(created, "id"));
        }
        return ExitCodes.OK;
    }

    private static void putIfSet(ObjectNode body, String field, Integer value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
