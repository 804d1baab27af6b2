package io.imagecast.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused as a problem document (413),
 * checked on Content-Length ahead of Quarkus' own handler, which answers with an empty body.
 *
 * <p>Not covered, because they never reach a route: Vert.x's invalid-request handler answers a
 * request line that is too long (414), a header block that is too large (431) and a URI with a
 * malformed percent-escape (400) with an empty body, and Quarkus offers no hook to replace that
 * handler on the server it creates.
 */
@ApplicationScoped
public class HttpLayerProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBodySize;

    HttpLayerProblems(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                    MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversizedBody);
    }

    private void refuseOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodySize) {
                    write(
                            context,
                            413,
                            "Content too large",
                            "the body is larger than the limit of " + maxBodySize + " bytes");
                    return;
                }
            } catch (NumberFormatException e) {
                write(context, 400, "Bad request", "Content-Length is not a number");
                return;
            }
        }
        context.next();
    }

    private static void write(RoutingContext context, int status, String title, String detail) {
        Problem problem = new Problem(
                Problem.typeFor(WebApplicationProblemMapper.slugOf(status)),
                title,
                status,
                detail,
                context.request().path(),
                Map.of());
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
