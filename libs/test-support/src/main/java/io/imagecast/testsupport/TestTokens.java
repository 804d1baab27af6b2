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
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signed RS256 bearer tokens for tests, as the services expect them: issuer {@code imagecast},
 * roles in the {@code groups} claim, each role carrying the ones it implies.
 *
 * <p>Signed with the test-only key in {@code imagecast-test/privateKey.pem}; services verify in
 * tests with {@code %test.mp.jwt.verify.publickey.location=imagecast-test/publicKey.pem}.
 */
public final class TestTokens {

    public static final String ISSUER = "imagecast";
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
        Instant now = Instant.now();
        return sign(
                "test-" + (groups.length == 0 ? "nobody" : groups[groups.length - 1]), groups, now, now.plus(LIFETIME));
    }

    /** A correctly signed admin token that expired an hour ago, for 401 tests. */
    public static String expiredAdmin() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign("test-admin", new String[] {"viewer", "operator", "admin"}, issued, issued.plus(LIFETIME));
    }

    private static String sign(String subject, String[] groups, Instant issuedAt, Instant expiresAt) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groupsJson =
                Arrays.stream(groups).map(TestTokens::jsonString).collect(Collectors.joining(",", "[", "]"));
        String payload = "{\"iss\":" + jsonString(ISSUER)
                + ",\"sub\":" + jsonString(subject)
                + ",\"upn\":" + jsonString(subject)
                + ",\"groups\":" + groupsJson
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":" + jsonString(UUID.randomUUID().toString())
                + "}";
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
