package io.imagecast.service.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Bean Validation failures on input become 400 with every offending field named. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        return toProblem(exception, uriInfo);
    }

    static Response toProblem(ConstraintViolationException exception, UriInfo uriInfo) {
        if (isReturnValueViolation(exception)) {
            return UnexpectedErrorMapper.internalError(exception, uriInfo);
        }
        List<FieldViolation> errors = exception.getConstraintViolations().stream()
                .map(violation -> new FieldViolation(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return ProblemResponses.of(
                400, "validation-failed", "The request is invalid", detail, uriInfo, Map.of("errors", errors));
    }

    /** The client-facing name: the method and parameter names of the resource are internal. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        boolean startsWithParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            // Hibernate Validator puts a list index on the node *inside* the list: it belongs to the
            // list's name, so hosts[0].ip rather than hosts.ip[0].
            if (node.isInIterable() && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + subscript(node));
            }
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CONTAINER_ELEMENT -> {}
                case PARAMETER -> {
                    startsWithParameter = names.isEmpty();
                    names.add(node.getName());
                }
                default -> {
                    if (node.getName() != null && !node.getName().isEmpty()) {
                        names.add(node.getName());
                    }
                }
            }
        }
        // A body parameter's own name says nothing to the client: keep only the field path below it.
        if (startsWithParameter && names.size() > 1) {
            names.remove(0);
        }
        return names.isEmpty() ? "request" : String.join(".", names);
    }

    private static String subscript(Path.Node node) {
        if (node.getIndex() != null) {
            return "[" + node.getIndex() + "]";
        }
        return node.getKey() != null ? "[" + node.getKey() + "]" : "";
    }

    private static boolean isReturnValueViolation(ConstraintViolationException exception) {
        return exception.getConstraintViolations().stream().anyMatch(violation -> {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
    }
}
