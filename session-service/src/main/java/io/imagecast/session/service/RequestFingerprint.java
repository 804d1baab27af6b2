package io.imagecast.session.service;

import io.imagecast.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of the request as parsed, so formatting differences do not count as a different body. */
final class RequestFingerprint {
    private RequestFingerprint() {}

    static String of(CreateSessionRequest request) {
        try {
            byte[] canonical = EventJson.toJson(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
