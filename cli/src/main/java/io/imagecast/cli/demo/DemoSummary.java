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

    /** Bytes the clients hold byte-identical, summed over clients: what the run really delivered. */
    long deliveredBytes() {
        return hosts.stream().mapToLong(HostResult::deliveredBytes).sum();
    }

    /**
     * Rates from what was delivered: the per-client rate of the whole image only when every client got
     * all of it; otherwise the share delivered and the rate that share amounts to.
     */
    String timeLine(Double transfer) {
        double demo = wallTime.toMillis() / 1000.0;
        if (transfer == null) {
            return String.format(Locale.ROOT, "time      demo %.1f s (no transfer times recorded)", demo);
        }
        long delivered = deliveredBytes();
        long wanted = imageBytes * hosts.size();
        if (!hosts.isEmpty() && delivered == wanted) {
            return String.format(
                    Locale.ROOT,
                    "time      transfer %.1f s at %.1f Mbit/s per client (%.1f Mbit/s delivered in total); demo %.1f s",
                    transfer,
                    imageBytes * 8 / transfer / 1e6,
                    delivered * 8 / transfer / 1e6,
                    demo);
        }
        return String.format(
                Locale.ROOT,
                "time      transfer %.1f s; delivered byte-identical: %s of %s (%.0f %%), %.1f Mbit/s in total; demo %.1f s",
                transfer,
                ByteSize.format(delivered),
                ByteSize.format(wanted),
                wanted == 0 ? 0.0 : 100.0 * delivered / wanted,
                delivered * 8 / transfer / 1e6,
                demo);
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
        out.println(timeLine(transfer));
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
