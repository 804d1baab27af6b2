package io.imagecast.registry.service;

import io.imagecast.service.problem.FieldViolation;
import io.imagecast.service.problem.ProblemException;
import java.util.List;

/** The problem documents this service answers with, so slugs and titles stay consistent. */
public final class Problems {
    private Problems() {}

    public static ProblemException groupNotFound(String name) {
        return new ProblemException(
                404, "group-not-found", "Storage group not found", "no storage group named " + name);
    }

    public static ProblemException nodeNotFound(String name) {
        return new ProblemException(404, "node-not-found", "Storage node not found", "no storage node named " + name);
    }

    public static ProblemException versionMismatch(String what, long current) {
        return new ProblemException(
                        412,
                        "precondition-failed",
                        "The resource changed",
                        what + " was changed by someone else; GET it again and retry with its current ETag")
                .with("currentVersion", current);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    public static ProblemException invalid(List<FieldViolation> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "validation-failed", "The request is invalid", detail).with("errors", errors);
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail);
    }
}
