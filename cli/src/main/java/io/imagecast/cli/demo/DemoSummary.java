package io.imagecast.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The demo's verdict: time, throughput, per-host result and where the logs are. */
record DemoSummary(
        JsonNode session,
        List<HostResult> hosts,
        long imageBytes,
        Duration wallTime,
        DemoSettings settings,
        Path runDir) {

    /** Every client got byte-identical files, and the system saw it the same way (session COMPLETED). */
    boolean success() {
        return "COMPLETED".equals(state()) && !hosts.isEmpty() && hosts.stream().allMatch(HostResult::identical);
    }

    String state() {
        return session.path("state").asText();
    }

    /** Seconds from the first data to the end, as session-service recorded them; null if unknown. */
    Double transferSeconds() {
        Instant started = DemoRun.instant(session.get("startedAt"));
        Instant finished = DemoRun.instant(session.get("finishedAt"));
        if (started == null || finished == null || !finished.isAfter(started)) {
            return null;
        }
        return Duration.between(started, finished).toMillis() / 1000.0;
    }

    void print(PrintStream out) {
        String id = session.path("id").asText();
        out.println();
        out.println("==== imagecast demo: " + (success() ? "SUCCESS" : "FAILURE") + " ====");
        out.printf(
                Locale.ROOT,
                "session   %s  %s%s%n",
                id,
                state(),
                session.hasNonNull("reason") ? " (" + session.get("reason").asText() + ")" : "");
        Double transfer = transferSeconds();
        out.printf(
                Locale.ROOT,
                "image     %s in %d partitions to %d clients over one multicast stream%n",
                ByteSize.format(imageBytes),
                session.path("image").path("files").size(),
                hosts.size());
        if (transfer != null) {
            out.printf(
                    Locale.ROOT,
                    "time      transfer %.1f s at %.1f Mbit/s per client (%.1f Mbit/s delivered in total); demo %.1f s%n",
                    transfer,
                    imageBytes * 8 / transfer / 1e6,
                    imageBytes * 8 * hosts.size() / transfer / 1e6,
                    wallTime.toMillis() / 1000.0);
        } else {
            out.printf(
                    Locale.ROOT, "time      demo %.1f s (no transfer times recorded)%n", wallTime.toMillis() / 1000.0);
        }
        for (HostResult host : hosts) {
            out.printf(
                    Locale.ROOT,
                    "  %-5s %-12s %-4s %s%n",
                    host.name(),
                    host.address(),
                    host.identical() ? "OK" : "FAIL",
                    host.detail());
        }
        String logs = settings.logsUrl();
        out.println("logs      session log   " + logs + "/api/v1/sessions/" + id + "/log");
        out.println("          log lines     " + logs + "/api/v1/logs?session=" + id);
        out.println("          viewer        " + logs + "/viewer/  (filter session " + id + ")");
        out.println("          client logs   " + runDir + "/<host>/receiver.log");
        out.println("          (API calls need: -H \"Authorization: Bearer $(cat "
                + settings.stateDir().resolve("token") + ")\")");
    }
}
