package io.imagecast.logs.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Position after the last returned line ({@code ts}, {@code id}); opaque to clients. */
public record Cursor(Instant timestamp, long id) {
    public String encode() {
        long seconds = timestamp.getEpochSecond();
        String raw = seconds + "." + timestamp.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new Cursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidQueryException("cursor is not one this service returned");
        }
    }
}
