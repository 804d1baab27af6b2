package io.imagecast.service.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Builds problem+json responses for the mappers; the request path becomes {@code instance}. */
final class ProblemResponses {
    private ProblemResponses() {}

    static Response of(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    static Response of(
            int status, String slug, String title, String detail, UriInfo uriInfo, Map<String, Object> extensions) {
        return of(new Problem(Problem.typeFor(slug), title, status, detail, instance(uriInfo), extensions));
    }

    static String instance(UriInfo uriInfo) {
        return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    }
}
