package io.imagecast.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One generated request and what it was meant to test.
 *
 * @param mutation what was made hostile, e.g. {@code "query limit: NUL"}
 * @param names the parameter and body member names the request carries, any of which a field
 *     error may name
 * @param auth the kind of credentials sent
 * @param oversizedBody whether the body is larger than any endpoint accepts
 */
record FuzzCase(
        Operation operation,
        String mutation,
        Set<String> names,
        Auth auth,
        boolean oversizedBody,
        byte[] head,
        byte[] body) {

    enum Auth {
        /** A token carrying the roles the operation needs. */
        RIGHT_ROLE,
        /** A valid token with fewer roles than a write needs. */
        VIEWER_ONLY,
        /** A valid token without any role. */
        NO_ROLES,
        NONE,
        /** Not a token at all, a wrong scheme, a tampered signature, or expired. */
        INVALID;

        boolean authenticated() {
            return this == RIGHT_ROLE || this == VIEWER_ONLY || this == NO_ROLES;
        }
    }

    /** The request as a reader can follow it: head in full, body cut to a few hundred characters. */
    String printable() {
        String headText = new String(head, StandardCharsets.ISO_8859_1).replaceAll("Bearer [^\\r]+", "Bearer …");
        if (headText.length() > 1_000) {
            headText = headText.substring(0, 1_000) + "… (" + head.length + " bytes of head)\r\n";
        }
        String bodyText = new String(body, StandardCharsets.UTF_8);
        if (bodyText.length() > 400) {
            bodyText = bodyText.substring(0, 400) + "… (" + body.length + " bytes)";
        }
        return headText + bodyText.replace("\u0000", "\\u0000");
    }
}
