package io.imagecast.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signed RS256 bearer tokens for tests, as the services expect them: issuer and audience
 * {@code imagecast}, a one-hour lifetime, roles in the {@code groups} claim, each role carrying the
 * ones it implies (the services add implied roles themselves, so a token may also carry fewer).
 *
 * <p>Signed with the test-only key in {@code imagecast-test/privateKey.pem}; services verify in
 * tests with {@code %test.mp.jwt.verify.publickey.location=imagecast-test/publicKey.pem}.
 */
public final class TestTokens {

    public static final String ISSUER = "imagecast";
    public static final String AUDIENCE = "imagecast";
    public static final String PRIVATE_KEY_RESOURCE = "imagecast-test/privateKey.pem";
    public static final String PUBLIC_KEY_RESOURCE = "imagecast-test/publicKey.pem";

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static PrivateKey privateKey;

    private TestTokens() {}

    /** Read-only role: {@code [viewer]}. */
    public static String viewer() {
        return forGroups("viewer");
    }

    /** Session writes: {@code [viewer, operator]}. */
    public static String operator() {
        return forGroups("viewer", "operator");
    }

    /** Everything: {@code [viewer, operator, admin]}. */
    public static String admin() {
        return forGroups("viewer", "operator", "admin");
    }

    /** A valid token carrying exactly these groups (none is allowed: an authenticated user without roles). */
    public static String forGroups(String... groups) {
        return builder().groups(groups).sign();
    }

    /** A correctly signed admin token that expired an hour ago, for 401 tests. */
    public static String expiredAdmin() {
        return builder()
                .groups("viewer", "operator", "admin")
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .sign();
    }

    /**
     * A token to shape claim by claim, for tests of what the services refuse or accept: starts as a
     * valid {@code [viewer]} token, signed with the test key.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Claims and JOSE header members of one test token; values are strings, numbers, lists or maps. */
    public static final class Builder {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = LIFETIME;
        private boolean withExpiry = true;
        private boolean withIssuedAt = true;

        private Builder() {
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            claims.put("iss", ISSUER);
            claims.put("aud", AUDIENCE);
            groups("viewer");
        }

        /** The {@code groups} claim; the subject follows the last group. */
        public Builder groups(String... groups) {
            String subject = "test-" + (groups.length == 0 ? "nobody" : groups[groups.length - 1]);
            claims.put("sub", subject);
            claims.put("upn", subject);
            claims.put("groups", List.of(groups));
            return this;
        }

        /** Sets a claim, or removes it when {@code value} is null. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** Sets a JOSE header member such as {@code kid} or {@code jku}. */
        public Builder header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /** {@code exp - iat}. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder withoutExpiry() {
            this.withExpiry = false;
            return this;
        }

        public Builder withoutIssuedAt() {
            this.withIssuedAt = false;
            return this;
        }

        public String sign() {
            Map<String, Object> payload = new LinkedHashMap<>(claims);
            if (withIssuedAt) {
                payload.put("iat", issuedAt.getEpochSecond());
            }
            if (withExpiry) {
                payload.put("exp", issuedAt.plus(lifetime).getEpochSecond());
            }
            payload.putIfAbsent("jti", UUID.randomUUID().toString());
            return TestTokens.sign(json(header), json(payload));
        }
    }

    private static String sign(String header, String payload) {
        String signingInput = encode(header) + "." + encode(payload);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    private static String json(Object value) {
        if (value instanceof String text) {
            return jsonString(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(TestTokens::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> members) {
            return members.entrySet().stream()
                    .map(e -> jsonString(String.valueOf(e.getKey())) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        throw new IllegalArgumentException("no JSON form for " + value);
    }

    private static synchronized PrivateKey privateKey() throws GeneralSecurityException {
        if (privateKey == null) {
            String pem = readResource(PRIVATE_KEY_RESOURCE);
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        return privateKey;
    }

    static String readResource(String name) {
        ClassLoader loader = TestTokens.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Test key " + name + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
