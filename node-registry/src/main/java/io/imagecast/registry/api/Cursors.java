package io.imagecast.registry.api;

import io.imagecast.registry.service.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: the base64url of the last name on the previous page (keyset pagination). */
final class Cursors {
    private Cursors() {}

    static String encode(String lastKey) {
        return lastKey == null
                ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (key.isEmpty() || key.length() > 63) {
                throw new IllegalArgumentException("cursor key out of range");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
