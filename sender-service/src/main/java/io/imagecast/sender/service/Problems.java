package io.imagecast.sender.service;

import io.imagecast.service.problem.ProblemException;
import java.util.UUID;

/**
 * The problem documents this service answers with, so each slug keeps one title and status; the
 * shared HTTP-layer problems (security, malformed input, unexpected errors) come from service-commons.
 */
public final class Problems {
    private Problems() {}

    public static ProblemException transferNotFound(UUID sessionId) {
        return new ProblemException(
                404,
                "transfer-not-found",
                "Transfer not found",
                "this node runs no transfer for session " + sessionId + " and finished none recently");
    }
}
