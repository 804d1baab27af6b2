package io.imagecast.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refusals of the HTTP layer as problem documents, decided before a route, JAX-RS or Jackson runs:
 * a request target over {@link HttpLimits#maxUriLength()} (414) or no valid URI at all (400), a
 * header block over {@link HttpLimits#maxHeaderSize()} (431), and a body over its route's limit
 * ({@link HttpLimits.BodyLimit}, never above {@code quarkus.http.limits.max-body-size}): judged from
 * Content-Length before a byte of it is read, or counted while a chunked body arrives (413 naming
 * the limit). Quarkus' own handlers answer these with an empty body.
 *
 * <p>Quarkus' root handler answers a request target that {@code java.net.URI} rejects (a malformed
 * percent-escape such as {@code /%zz}) with an empty 400 before any router runs, unless the JVM
 * property {@value #URI_VALIDATION_PROPERTY} is set when the HTTP server is created. Each service's
 * main class sets it ({@link #validateUrisHere()}) and the same check is made here, answered with a
 * problem. Vert.x still answers with an empty body what its decoder cannot parse at all: a request
 * line or header block beyond {@code quarkus.http.limits.max-initial-line-length} / {@code
 * max-header-size} (set far above the limits here), because Quarkus offers no hook to replace
 * Vert.x's invalid-request handler on the server it creates.
 */
@ApplicationScoped
public class HttpLayerProblems {
    /** Read by Quarkus when it builds its root handler; set, it leaves URI validation to this class. */
    public static final String URI_VALIDATION_PROPERTY = "vertx.disableURIValidation";

    private static final String BODY_LIMIT_KEY = "imagecast.body-limit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> ROUTING_FAILURES = Map.of(
            400, "the request cannot be read (a malformed percent-escape in the path, or no Host header)",
            413, "the body is larger than the limit of quarkus.http.limits.max-body-size",
            414, "the request target is too long",
            431, "the request headers are too large");

    private final long maxBodySize;
    private final HttpLimits limits;

    HttpLayerProblems(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize,
            HttpLimits limits) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.limits = limits;
    }

    /**
     * Moves request-target validation from Quarkus' root handler, which answers with an empty body,
     * to this class. Must run before Quarkus starts: the first line of a service's {@code main}.
     */
    public static void validateUrisHere() {
        System.setProperty(URI_VALIDATION_PROPERTY, "true");
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversizedRequest);
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpLayerProblems::describeRoutingFailure);
        // What fails while the router matches routes (a path whose percent-escape does not decode)
        // never reaches a failure handler: the router's error handler for the status is the hook.
        for (int status : ROUTING_FAILURES.keySet()) {
            router.errorHandler(status, context -> describe(context, status));
        }
    }

    /**
     * Failures the router itself raises before any handler runs (a path with a malformed
     * percent-escape, a missing Host header) and the body ceiling hit while reading a chunked body
     * arrive here with a status and no response yet; everything else goes on to Quarkus' handler.
     */
    private static void describeRoutingFailure(RoutingContext context) {
        int status = context.statusCode();
        if (context.response().headWritten() || !ROUTING_FAILURES.containsKey(status)) {
            context.next();
            return;
        }
        describe(context, status);
    }

    private static void describe(RoutingContext context, int status) {
        if (context.response().headWritten()) {
            return;
        }
        Object bodyLimit = context.get(BODY_LIMIT_KEY);
        if (status == 413 && bodyLimit != null) {
            write(
                    context,
                    413,
                    "Content too large",
                    "the body is larger than the limit of " + bodyLimit + " bytes for this endpoint",
                    Map.of("limit", bodyLimit));
            return;
        }
        Throwable failure = context.failure();
        String detail = ROUTING_FAILURES.get(status);
        if (failure instanceof VertxException && failure.getMessage() != null) {
            detail = detail + ": " + failure.getMessage();
        }
        write(context, status, HttpResponseStatus.valueOf(status).reasonPhrase(), detail, Map.of());
    }

    private void refuseOversizedRequest(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!isUri(request.uri())) {
            write(
                    context,
                    400,
                    "Bad request",
                    "the request target is not a valid URI (a malformed percent-escape or a character that must be"
                            + " escaped)",
                    Map.of());
            return;
        }
        if (request.uri().length() > limits.maxUriLength()) {
            write(
                    context,
                    414,
                    "URI too long",
                    "the request target is longer than the limit of " + limits.maxUriLength() + " characters",
                    Map.of("limit", limits.maxUriLength()));
            return;
        }
        long headerLimit = limits.maxHeaderSize().asLongValue();
        if (headerSize(request) > headerLimit) {
            write(
                    context,
                    431,
                    "Request header fields too large",
                    "the request headers are larger than the limit of " + headerLimit + " bytes",
                    Map.of("limit", headerLimit));
            return;
        }
        long limit = Math.min(maxBodySize, limits.bodyLimit().forPath(request.path()));
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    write(
                            context,
                            413,
                            "Content too large",
                            "the body is larger than the limit of " + limit + " bytes for this endpoint",
                            Map.of("limit", limit));
                    return;
                }
            } catch (NumberFormatException e) {
                write(context, 400, "Bad request", "Content-Length is not a number", Map.of());
                return;
            }
        } else if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // No length to judge up front: the body is read here, counted against the route's limit
            // (a 413 through the failure handler once it is passed), and handed on to JAX-RS, which
            // takes a body already read instead of reading the request again.
            context.put(BODY_LIMIT_KEY, limit);
            BodyHandler.create(false).setBodyLimit(limit).handle(context);
            return;
        }
        context.next();
    }

    /** What Quarkus' root handler accepts when it validates request targets itself. */
    static boolean isUri(String target) {
        if (target == null) {
            return false;
        }
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** As on the wire: name, ": ", value and CRLF per header line. */
    static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4L;
        }
        return size;
    }

    private static void write(
            RoutingContext context, int status, String title, String detail, Map<String, Object> extensions) {
        Problem problem = new Problem(
                Problem.typeFor(WebApplicationProblemMapper.slugOf(status)),
                title,
                status,
                detail,
                context.request().path(),
                extensions);
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                // The unread body may still be arriving: close rather than read it.
                .onComplete(done -> context.request().connection().close());
    }
}
