package io.imagecast.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.stream.Collectors;

/** A body that is not JSON, or has a value of the wrong type, is the client's mistake: 400. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(JsonProcessingException exception) {
        return toProblem(exception, uriInfo);
    }

    static Response toProblem(JsonProcessingException exception, UriInfo uriInfo) {
        return ProblemResponses.of(
                400, "malformed-body", "The request body cannot be read", describe(exception), uriInfo, Map.of());
    }

    static String describe(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return "field '" + field + "' has a value of the wrong type or format";
        }
        if (exception.getLocation() != null) {
            return "the body is not valid JSON (line " + exception.getLocation().getLineNr() + ", column "
                    + exception.getLocation().getColumnNr() + ")";
        }
        return "the body is not valid JSON";
    }
}
