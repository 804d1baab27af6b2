package io.imagecast.session.service;

import io.imagecast.service.problem.FieldViolation;
import io.imagecast.service.problem.ProblemException;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.MasterCheck;
import io.imagecast.session.domain.SessionState;
import java.util.List;
import java.util.UUID;

/**
 * The problem documents this service answers with, so each slug keeps one title and status; the
 * shared HTTP-layer problems (malformed JSON, security, unexpected errors) come from service-commons.
 */
public final class Problems {
    private Problems() {}

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    public static ProblemException invalid(List<FieldViolation> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "validation-failed", "The request is invalid", detail).with("errors", errors);
    }

    public static ProblemException sessionNotFound(UUID id) {
        return sessionNotFound("no session has id " + id);
    }

    /** A path segment that cannot be a session id names no session: 404 like an unknown id. */
    public static ProblemException notASessionId(String text) {
        return sessionNotFound("'" + text + "' is not a session id");
    }

    private static ProblemException sessionNotFound(String detail) {
        return new ProblemException(404, "session-not-found", "No such session", detail);
    }

    public static ProblemException unknownGroup(String group) {
        return new ProblemException(
                404,
                "unknown-group",
                "Unknown storage group",
                "no storage group '" + group + "' is known from the node registry");
    }

    public static ProblemException unknownHost(UUID session, String host) {
        return new ProblemException(
                404,
                "unknown-host",
                "No such host in the session",
                "session " + session + " has no host named, or with IP or MAC, '" + host + "'");
    }

    public static ProblemException noUsableMaster(String group, MasterCheck master) {
        return new ProblemException(
                        409,
                        "no-usable-master",
                        "The group has no usable master",
                        "group '" + group + "' cannot send now: " + String.join("; ", master.diagnosis()))
                .with("group", group)
                .with("master", master.master().map(n -> n.nodeId).orElse(null))
                .with(
                        "masterStatus",
                        master.master().map(n -> String.valueOf(n.status)).orElse(null))
                .with("diagnosis", master.diagnosis());
    }

    public static ProblemException nameInUse(String name, UUID activeSession) {
        return nameInUse("an active session is already named '" + name + "'").with("conflictingSession", activeSession);
    }

    /** The unique index caught two creations with one name at the same instant. */
    public static ProblemException nameTakenConcurrently() {
        return nameInUse("an active session already has this name");
    }

    private static ProblemException nameInUse(String detail) {
        return new ProblemException(409, "name-in-use", "Session name in use", detail);
    }

    public static ProblemException idempotencyKeyReused(UUID earlierSession) {
        return new ProblemException(
                        422,
                        "idempotency-key-reused",
                        "Idempotency-Key already used",
                        "this Idempotency-Key was used for a different request; use a new key")
                .with("session", earlierSession);
    }

    public static ProblemException idempotencyKeyInFlight() {
        return new ProblemException(
                409,
                "idempotency-key-in-flight",
                "Request in progress",
                "a request with this Idempotency-Key is being processed; retry to get its result");
    }

    public static ProblemException sessionFinished(UUID session, SessionState state, String action) {
        return new ProblemException(
                        409,
                        "session-finished",
                        "Session already finished",
                        "cannot " + action + " session " + session + ": it is " + state)
                .with("state", state);
    }

    public static ProblemException sessionStillActive(UUID session, SessionState state) {
        return new ProblemException(
                        409,
                        "session-active",
                        "Session still running",
                        "session " + session + " is " + state + "; retry it once it has ended")
                .with("state", state);
    }

    public static ProblemException nothingToRetry(UUID session, SessionState state) {
        return new ProblemException(
                        409,
                        "nothing-to-retry",
                        "No host missed the image",
                        "every receiver of session " + session + " completed")
                .with("state", state);
    }

    public static ProblemException hostFinished(String host, HostState state) {
        return new ProblemException(
                        409, "host-finished", "Host cannot be dropped", "host " + host + " is already " + state)
                .with("hostState", state);
    }

    public static ProblemException hostNotAddressable(String host) {
        return new ProblemException(
                409,
                "host-not-addressable",
                "Host has no known IP address",
                "the node drops receivers by IP address and host " + host + " has none");
    }

    public static ProblemException concurrentUpdate(String what, int attempts) {
        return new ProblemException(
                409,
                "concurrent-update",
                "Concurrent update",
                what + " collided with concurrent updates " + attempts + " times; try again");
    }

    /** A database constraint caught a race no check of ours names more precisely. */
    public static ProblemException conflict() {
        return new ProblemException(
                409, "conflict", "Conflict", "the request conflicts with a concurrent change; retry it");
    }
}
