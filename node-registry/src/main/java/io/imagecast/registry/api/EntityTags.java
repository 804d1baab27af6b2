package io.imagecast.registry.api;

import io.imagecast.service.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/**
 * ETags are the entity version ({@code "7"}). Updates and deletes must send {@code If-Match} with
 * the ETag they read (or {@code *}): without it, two admins editing the same node silently overwrite
 * each other, so a missing header is 428 rather than a last-writer-wins update.
 */
final class EntityTags {
    private EntityTags() {}

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version the client expects, or null for {@code If-Match: *} (any current version). */
    static Long requiredVersion(String ifMatch, String resource) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    428,
                    "precondition-required",
                    "If-Match required",
                    "send the ETag of " + resource + " (from a GET) in an If-Match header, or If-Match: * to"
                            + " overwrite whatever is there");
        }
        String value = ifMatch.trim();
        if (value.equals("*")) {
            return null;
        }
        // If-Match uses the strong comparison: a weak tag (W/"7") never matches.
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            String inner = value.substring(1, value.length() - 1);
            if (!inner.isEmpty() && inner.length() <= 18 && inner.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(inner);
            }
        }
        throw new ProblemException(
                412,
                "precondition-failed",
                "The resource changed",
                "If-Match " + value + " does not match the current ETag of " + resource);
    }
}
