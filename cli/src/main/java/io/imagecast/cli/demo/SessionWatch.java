package io.imagecast.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo's view of its session through session-service. Transient failures (no answer, 5xx, 429) are
 * retried with a growing pause; when they last longer than the give-up time, the session is cancelled
 * through the API (so it never stays TRANSFERRING behind a demo that left) and the reason is printed.
 */
final class SessionWatch {
    /** Pauses between attempts grow from {@code first} to {@code max}; {@code giveUpAfter} bounds the whole. */
    record Backoff(Duration first, Duration max, Duration giveUpAfter) {
        static final Backoff DEFAULT =
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(60));

        Duration next(Duration pause) {
            Duration doubled = pause.multipliedBy(2);
            return doubled.compareTo(max) > 0 ? max : doubled;
        }
    }

    /** Progress arrives every second while data flows: this many seconds without any is worth saying. */
    static final Duration SILENT_AFTER = Duration.ofSeconds(3);

    /** Attempts of a cancel: it can race the sender's progress updates (409) or meet the same outage. */
    private static final int CANCEL_ATTEMPTS = 6;

    private final ApiClient api;
    private final String sessionUrl;
    private final Backoff backoff;
    private final Consumer<String> say;
    private boolean abandoned;

    SessionWatch(ApiClient api, String sessionUrl, Backoff backoff, Consumer<String> say) {
        this.api = api;
        this.sessionUrl = sessionUrl;
        this.backoff = backoff;
        this.say = say;
    }

    /** The session's current view; throws once session-service failed for longer than the give-up time. */
    JsonNode view() {
        long began = System.nanoTime();
        long deadline = began + backoff.giveUpAfter().toNanos();
        Duration pause = backoff.first();
        ApiClient.Reply reply = api.attempt("GET", sessionUrl, null, Map.of());
        boolean announced = false;
        while (!reply.ok()) {
            if (!reply.transientFailure()) {
                throw abandon("GET " + sessionUrl + " answered " + reply.problem());
            }
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw abandon("session-service gave no usable answer for " + seconds(System.nanoTime() - began)
                        + " s (last: " + reply.problem() + ")");
            }
            if (!announced) {
                say.accept("session-service: " + reply.problem() + "; retrying for up to "
                        + backoff.giveUpAfter().toSeconds() + " s");
                announced = true;
            }
            sleep(pause);
            pause = backoff.next(pause);
            reply = api.attempt("GET", sessionUrl, null, Map.of());
        }
        if (announced) {
            say.accept("session-service answers again after " + seconds(System.nanoTime() - began) + " s");
        }
        return reply.body();
    }

    /**
     * How long the sender has reported nothing while the session transfers, once that exceeds
     * {@link #SILENT_AFTER}: the liveness check of session-service fails the session later, and until
     * then the progress display would otherwise just stand still. {@code lastSenderActivity} is
     * session-service's clock, the same machine's as the demo's.
     */
    static Optional<Duration> senderSilence(JsonNode view, Instant now) {
        if (!"TRANSFERRING".equals(view.path("state").asText()) || !view.hasNonNull("lastSenderActivity")) {
            return Optional.empty();
        }
        Instant last;
        try {
            last = Instant.parse(view.get("lastSenderActivity").asText());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Duration silence = Duration.between(last, now);
        return silence.compareTo(SILENT_AFTER) >= 0 ? Optional.of(silence) : Optional.empty();
    }

    /**
     * Gives the session up: cancels it (once) and returns the exception that ends the demo, naming the
     * reason and whether the cancel went through.
     */
    DemoException abandon(String reason) {
        if (abandoned) {
            return new DemoException(reason);
        }
        abandoned = true;
        say.accept("giving up: " + reason + "; cancelling the session");
        boolean cancelled = cancel();
        return new DemoException(reason
                + (cancelled
                        ? "; the session was cancelled"
                        : "; cancelling it failed too, it may still run (POST " + sessionUrl + "/cancel)"));
    }

    /** Cancels the session; true when session-service accepted it. Prints why when it did not. */
    boolean cancel() {
        Duration pause = backoff.first();
        ApiClient.Reply reply = null;
        for (int attempt = 1; attempt <= CANCEL_ATTEMPTS; attempt++) {
            reply = api.attempt("POST", sessionUrl + "/cancel", null, Map.of());
            if (reply.ok() || !(reply.transientFailure() || reply.status() == 409)) {
                break;
            }
            if (attempt < CANCEL_ATTEMPTS) {
                sleep(pause);
                pause = backoff.next(pause);
            }
        }
        if (!reply.ok()) {
            say.accept("cancelling the session failed: " + reply.problem());
        }
        return reply.ok();
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }
}
