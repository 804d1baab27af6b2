package io.imagecast.session.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** An opaque position in the newest-first listing: the last row's creation time and id. */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        try {
            if (token.length() > 200) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 2);
            String[] time = parts[0].split("\\.", 2);
            return new Cursor(
                    Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw Problems.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
