package io.imagecast.service.problem;

import io.imagecast.service.security.TokenRefusal;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem documents. Needs {@code quarkus.http.auth.proactive=false} (set in this
 * module's defaults) so authentication failures reach JAX-RS mappers.
 */
public class SecurityProblemMapper {
    @Context
    UriInfo uriInfo;

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException exception) {
        return Response.fromResponse(ProblemResponses.of(
                        401,
                        "unauthorized",
                        "Authentication required",
                        TokenRefusal.reasonOf(exception)
                                .orElse("send a valid bearer token: Authorization: Bearer <token>"),
                        uriInfo,
                        Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException exception) {
        return ProblemResponses.of(
                403, "forbidden", "Not allowed", "the token's roles do not allow this operation", uriInfo, Map.of());
    }
}
