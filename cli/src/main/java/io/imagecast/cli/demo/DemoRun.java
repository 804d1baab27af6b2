package io.imagecast.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiClient;
import io.imagecast.netlab.LabHost;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One demo: sample image, lab, registration, a session through the REST API, FOS-style clients, live
 * progress, sha256 verification, summary, teardown. The lab is torn down on every way out, Ctrl-C
 * included (shutdown hook), and a session still running then is cancelled.
 */
final class DemoRun {
    static final String IMAGE_DIR = "demo";
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED");
    private static final Duration WAITING_TIMEOUT = Duration.ofSeconds(60);
    /** How long clients may still run after the session ended (their last receiver lingers briefly). */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(20);

    private static final Duration VERIFY_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    record Options(
            int clients,
            long sizeBytes,
            String subnet,
            ReceiverProgram receiver,
            Duration timeout,
            boolean terminal,
            boolean keepFiles) {}

    private final DemoSettings settings;
    private final Options options;
    private final PrintStream out;
    private final ApiClient api;
    private final String sessionsApi;
    private final List<ClientHost> clients = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::interrupted, "imagecast-demo-teardown");
    private volatile DemoLab lab;
    private volatile StorageRegistration registration;
    private volatile String sessionId;
    private volatile SessionWatch watch;
    private volatile boolean sessionEnded;
    private boolean tornDown;

    DemoRun(DemoSettings settings, Options options, PrintStream out) {
        this.settings = settings;
        this.options = options;
        this.out = out;
        this.api = new ApiClient(settings.token());
        this.sessionsApi = settings.sessionUrl() + "/api/v1/sessions";
    }

    int run() throws IOException, InterruptedException {
        long began = System.nanoTime();
        registration = new StorageRegistration(api, settings.registryUrl(), settings.nodeId(), this::say);
        say("waiting for sender-service (node " + settings.nodeId() + ") to report to node-registry");
        String reportedRoot = registration.awaitHeartbeat();
        Path storageRoot = reportedRoot != null
                ? Path.of(reportedRoot)
                : settings.storageRoot().orElse(settings.stateDir().resolve("images"));
        Path runDir = settings.stateDir()
                .resolve("demo")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        requireSpace(storageRoot, options.sizeBytes() * (1 + options.clients()));

        long generating = System.nanoTime();
        SampleImage image = SampleImage.prepare(storageRoot.resolve(IMAGE_DIR), options.sizeBytes(), System.nanoTime());
        say(
                image.kept()
                        ? "sample image " + image.directory() + ": " + describe(image) + ", kept from an earlier run"
                                + " (sizes and sha256 in " + SampleImage.MANIFEST + ")"
                        : String.format(
                                Locale.ROOT,
                                "sample image %s: %s written in %.1f s",
                                image.directory(),
                                describe(image),
                                (System.nanoTime() - generating) / 1e9));

        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            lab = DemoLab.create(options.subnet(), options.clients());
            say("lab " + lab.name() + ": storage node " + lab.storageAddress() + " on " + lab.storageInterface()
                    + " (this machine's namespace), clients " + clientList(lab.clients()) + ", namespaces "
                    + lab.name() + "*");
            registration.register(storageRoot, lab.storageAddress(), lab.storageInterface());
            registration.awaitReady();

            JsonNode created = createSession(image);
            sessionId = created.path("id").asText();
            watch = new SessionWatch(api, sessionsApi + "/" + sessionId, SessionWatch.Backoff.DEFAULT, this::say);
            say("session " + sessionId + " created (" + sessionsApi + "/" + sessionId + ")");
            JsonNode waiting = awaitSenderWaiting();
            int portBase = waiting.path("portBase").asInt();
            say("sender waits on port base " + portBase + ", data address "
                    + waiting.path("dataAddress").asText()
                    + "; starting " + options.clients() + " clients ("
                    + options.receiver().label()
                    + ", one per partition, in order)");
            for (int i = 0; i < lab.clients().size(); i++) {
                LabHost host = lab.clients().get(i);
                ClientHost client = new ClientHost(hostName(i), host, runDir.resolve(hostName(i)), image.fileNames());
                clients.add(client);
                client.start(lab, options.receiver(), portBase, lab.storageAddress());
            }

            JsonNode last = follow(image.totalBytes());
            List<HostResult> results = verify(image);
            DemoSummary summary = new DemoSummary(
                    last, results, image.totalBytes(), Duration.ofNanos(System.nanoTime() - began), settings, runDir);
            summary.print(out);
            return summary.success() ? 0 : 1;
        } catch (RuntimeException e) {
            // whatever ends the demo early, the session must not run on without it
            if (watch != null && !sessionEnded) {
                throw watch.abandon(e.getMessage());
            }
            throw e;
        } finally {
            teardown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) already
            }
        }
    }

    private JsonNode createSession(SampleImage image) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "demo " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss")));
        body.put("storageGroup", StorageRegistration.GROUP);
        body.put("image", Map.of("dir", IMAGE_DIR, "files", image.fileNames()));
        List<Map<String, String>> hosts = new ArrayList<>();
        for (int i = 0; i < lab.clients().size(); i++) {
            hosts.add(Map.of("name", hostName(i), "ip", lab.clients().get(i).address()));
        }
        body.put("hosts", hosts);
        body.put("maxWaitSeconds", 30);
        body.put("startTimeoutSeconds", 120);
        // the same key on a retry: a lost answer never makes a second session
        Map<String, String> headers = Map.of("Idempotency-Key", "demo-" + UUID.randomUUID());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiClient.Reply reply;
        while (true) {
            reply = api.call("POST", sessionsApi, body, headers);
            if (reply.status() == 201 || reply.status() == 200) {
                return reply.body();
            }
            // 409: session-service learns the new master from the registry's node events a moment later;
            // 5xx: retried too (the Idempotency-Key makes a retry safe), the last answer is shown
            boolean retry = reply.status() == 409 || reply.status() >= 500;
            if (!retry || System.nanoTime() > deadline) {
                throw new DemoException("session-service refused the session: " + reply.problem());
            }
            sleep(500);
        }
    }

    /** FOS starts its receivers once the sender waits (it sleeps 10 s); we ask session-service instead. */
    private JsonNode awaitSenderWaiting() {
        long deadline = System.nanoTime() + WAITING_TIMEOUT.toNanos();
        JsonNode view;
        do {
            view = session();
            String state = view.path("state").asText();
            if (TERMINAL.contains(state)) {
                sessionEnded = true;
                throw new DemoException("the session ended before any client started: " + state + " "
                        + view.path("reason").asText(""));
            }
            if (!state.equals("QUEUED") && !state.equals("DISPATCHED") && view.hasNonNull("portBase")) {
                return view;
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new DemoException("the sender did not start waiting for receivers within " + WAITING_TIMEOUT.toSeconds()
                + " s; session state " + view.path("state").asText() + " "
                + view.path("reason").asText("")
                + " (see the sender-service log under the state dir: logs/sender-service.log)");
    }

    /** Shows progress until the session ended and every client finished; returns the last session view. */
    private JsonNode follow(long imageBytes) {
        ProgressBoard board = new ProgressBoard(out, options.terminal());
        long started = System.nanoTime();
        long deadline = started + options.timeout().toNanos();
        Long endedAt = null;
        JsonNode view;
        while (true) {
            view = session();
            String state = view.path("state").asText();
            board.draw(snapshot(view, imageBytes, System.nanoTime() - started));
            boolean clientsDone = clients.stream().noneMatch(ClientHost::running);
            if (TERMINAL.contains(state)) {
                sessionEnded = true;
                if (endedAt == null) {
                    endedAt = System.nanoTime();
                }
                if (clientsDone) {
                    return view;
                }
                if (System.nanoTime() - endedAt > CLIENT_GRACE.toNanos()) {
                    say("the session ended " + CLIENT_GRACE.toSeconds()
                            + " s ago but some clients still run: stopping them");
                    clients.forEach(ClientHost::kill);
                    return view;
                }
            } else if (System.nanoTime() > deadline) {
                say("no end after " + options.timeout().toSeconds() + " s (--timeout): cancelling the session");
                cancelSession();
                clients.forEach(ClientHost::kill);
                return session();
            }
            sleep(1000);
        }
    }

    private ProgressBoard.Snapshot snapshot(JsonNode view, long imageBytes, long elapsedNanos) {
        Map<String, String> receiverStates = new HashMap<>();
        for (JsonNode receiver : view.path("receivers")) {
            receiverStates.put(
                    receiver.path("ip").asText(), receiver.path("state").asText());
        }
        List<ProgressBoard.HostLine> lines = new ArrayList<>();
        for (ClientHost client : clients) {
            String state = receiverStates.getOrDefault(client.address(), "?");
            Integer exit = client.exitCode();
            if (exit != null && exit != 0) {
                state += " (receiver exited " + exit + ")";
            }
            lines.add(new ProgressBoard.HostLine(client.name(), client.address(), client.bytesReceived(), state));
        }
        JsonNode progress = view.path("progress");
        return new ProgressBoard.Snapshot(
                view.path("state").asText(),
                progress.hasNonNull("fileIndex") ? progress.get("fileIndex").asInt() : null,
                progress.hasNonNull("fileCount") ? progress.get("fileCount").asInt() : null,
                progress.path("bitsPerSecond").asLong(),
                progress.path("retransmittedBlocks").asLong(),
                imageBytes,
                elapsedNanos / 1_000_000,
                lines,
                SessionWatch.senderSilence(view, Instant.now()).orElse(null));
    }

    private List<HostResult> verify(SampleImage image) throws IOException {
        say("verifying sha256 of every received partition");
        HashProgress progress = new HashProgress(
                image.totalBytes() * clients.size(), VERIFY_PROGRESS_INTERVAL.toNanos(), System::nanoTime, this::say);
        List<HostResult> results = new ArrayList<>();
        for (ClientHost client : clients) {
            results.add(HostResult.check(client, image, progress));
        }
        return results;
    }

    /** The clients' copies can be large (size times clients); their logs stay. */
    private void deleteReceivedFiles() {
        for (ClientHost client : clients) {
            for (String file : client.files()) {
                try {
                    Files.deleteIfExists(client.outputDir().resolve(file));
                } catch (IOException e) {
                    say("could not delete " + client.outputDir().resolve(file) + ": " + e.getMessage());
                }
            }
        }
    }

    private JsonNode session() {
        return watch.view();
    }

    private void cancelSession() {
        watch.cancel();
    }

    /** Ctrl-C or a kill: cancel a running session, then the same teardown as a normal end. */
    private void interrupted() {
        out.println();
        say("interrupted: cancelling the session and tearing the lab down");
        if (watch != null && !sessionEnded) {
            try {
                cancelSession();
            } catch (RuntimeException e) {
                say("could not cancel session " + sessionId + ": " + e.getMessage());
            }
        }
        teardown();
    }

    private synchronized void teardown() {
        if (tornDown) {
            return;
        }
        tornDown = true;
        clients.forEach(ClientHost::kill);
        if (lab != null) {
            lab.close();
            say("lab " + lab.name() + " torn down");
        }
        if (registration != null) {
            try {
                registration.restore();
            } catch (RuntimeException e) {
                say("could not restore the registry: " + e.getMessage());
            }
        }
        if (!options.keepFiles()) {
            deleteReceivedFiles();
        }
    }

    private void requireSpace(Path storageRoot, long bytes) throws IOException {
        Path probe = storageRoot;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            return;
        }
        long usable = Files.getFileStore(probe).getUsableSpace();
        if (usable < bytes + (64L << 20)) {
            throw new DemoException("not enough disk space under " + probe + ": the image and " + options.clients()
                    + " client copies need " + ByteSize.format(bytes) + ", " + ByteSize.format(usable)
                    + " are free (choose a smaller --size)");
        }
    }

    private static String describe(SampleImage image) {
        List<String> parts = new ArrayList<>();
        for (SampleImage.Partition partition : image.partitions()) {
            parts.add(partition.name() + " " + ByteSize.format(partition.bytes()));
        }
        return String.join(", ", parts);
    }

    private static String clientList(List<LabHost> hosts) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            names.add(hostName(i) + " " + hosts.get(i).address());
        }
        return String.join(", ", names);
    }

    static String hostName(int index) {
        return "pc" + (index + 1);
    }

    private void say(String message) {
        out.println("demo: " + message);
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
