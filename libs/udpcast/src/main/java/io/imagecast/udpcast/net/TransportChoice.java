package io.imagecast.udpcast.net;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Locale;

/**
 * Which Vert.x transport a process that creates its own Vert.x (the CLI, test runners) uses: Linux's
 * epoll by default (UDP GSO and sendmmsg for the sender), NIO when {@code IMAGECAST_UDPCAST_TRANSPORT=nio}
 * or {@code -Dimagecast.udpcast.transport=nio} says so. Vert.x itself falls back to NIO where epoll
 * is unavailable. Quarkus services choose with {@code quarkus.vertx.prefer-native-transport}.
 */
public final class TransportChoice {
    public static final String PROPERTY = "imagecast.udpcast.transport";
    public static final String ENVIRONMENT = "IMAGECAST_UDPCAST_TRANSPORT";

    private TransportChoice() {}

    /** True unless the setting asks for NIO. */
    public static boolean preferNative() {
        String value = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "nio" -> false;
            case "native", "epoll" -> true;
            default ->
                throw new IllegalArgumentException(
                        PROPERTY + "/" + ENVIRONMENT + " must be native or nio, not '" + value + "'");
        };
    }

    public static VertxOptions apply(VertxOptions options) {
        return options.setPreferNativeTransport(preferNative());
    }

    /** One line for logs: the transport in use, and why epoll is not when it was wanted. */
    public static String describe(Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            return "native (epoll) transport";
        }
        Throwable why = vertx.unavailableNativeTransportCause();
        return "NIO transport" + (why == null ? "" : " (epoll unavailable: " + why.getMessage() + ")");
    }
}
