package io.imagecast.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Framework errors (unknown path, wrong method, unsupported media type…) as problem documents. */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return UnexpectedErrorMapper.internalError(exception, uriInfo);
        }
        if (status == 400 && exception.getCause() instanceof JsonProcessingException json) {
            // Quarkus wraps JSON syntax errors (duplicate keys, limits) in a bare 400.
            return MalformedJsonMapper.toProblem(json, uriInfo);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "Request failed" : statusType.getReasonPhrase();
        Response problem =
                ProblemResponses.of(status, slugOf(status), title, detailOf(exception, title), uriInfo, Map.of());
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        // Keep headers such as Allow (405) that the framework put on its own response.
        exception.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    static String slugOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 415 -> "unsupported-media-type";
            case 428 -> "precondition-required";
            default -> "http-" + status;
        };
    }

    private static String detailOf(WebApplicationException exception, String title) {
        String message = exception.getMessage();
        // Framework messages like "HTTP 404 Not Found" say nothing beyond the title.
        if (message != null && !message.startsWith("HTTP ") && !message.equals(title)) {
            return message;
        }
        return switch (exception.getResponse().getStatus()) {
            case 400 -> "the request cannot be read: a parameter, a header or the body is malformed";
            case 404 -> "there is no resource at this path";
            case 405 -> "this path does not support the method; the Allow header lists those it does";
            case 406 -> "no representation matches the Accept header; ask for application/json";
            case 415 -> "the Content-Type is not one this endpoint reads; send application/json";
            default -> title;
        };
    }
}
