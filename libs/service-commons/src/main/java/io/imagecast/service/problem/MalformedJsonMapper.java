package io.imagecast.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A body that is not JSON, or has a value of the wrong type, is the client's mistake: 400. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final Pattern FOUND_TOKEN = Pattern.compile(
            "JsonToken\\.(START_ARRAY|END_ARRAY|START_OBJECT|END_OBJECT"
                    + "|FIELD_NAME|VALUE_STRING|VALUE_NUMBER_INT|VALUE_NUMBER_FLOAT|VALUE_TRUE|VALUE_FALSE|VALUE_NULL)");

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
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(exception.getOriginalMessage()));
        if (duplicate.matches()) {
            return "field '" + duplicate.group(1) + "' appears more than once; send each field once";
        }
        if (exception instanceof StreamConstraintsException limit) {
            return "the body exceeds a limit: " + limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
        }
        String field = fieldOf(exception);
        if (containsNul(exception)) {
            return "field '" + (field.isEmpty() ? "body" : field) + "' must not contain NUL characters (\\u0000)";
        }
        if (!field.isEmpty()
                && exception instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() == Instant.class) {
            return "field '" + field + "' " + InstantRange.RULE;
        }
        if (!field.isEmpty()) {
            String expected = exception instanceof MismatchedInputException mismatch
                    ? expectedShape(mismatch.getTargetType())
                    : null;
            return "field '" + field + "' has a value of the wrong type or format"
                    + (expected == null ? "" : "; expected " + expected);
        }
        if (exception instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            // The JSON itself is fine (e.g. [] or "x"), it is not the kind of value this endpoint takes.
            String expected = expectedShape(mismatch.getTargetType());
            String found = foundToken(mismatch);
            return "the body must be " + (expected == null ? "of another JSON type" : expected)
                    + (found == null ? "" : ", not " + found);
        }
        if (exception.getLocation() != null) {
            return "the body is not valid JSON (line " + exception.getLocation().getLineNr() + ", column "
                    + exception.getLocation().getColumnNr() + ")";
        }
        return "the body is not valid JSON";
    }

    /** A NUL escaped as \\u0000 (refused by {@link JsonInputRules}) or sent raw (refused by the parser). */
    private static boolean containsNul(JsonProcessingException exception) {
        if (exception instanceof InvalidFormatException format
                && format.getValue() instanceof String text
                && text.indexOf('\0') >= 0) {
            return true;
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json
                    && String.valueOf(json.getOriginalMessage()).contains("(CTRL-CHAR, code 0)")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String fieldOf(JsonProcessingException exception) {
        if (!(exception instanceof JsonMappingException mapping)
                || mapping.getPath().isEmpty()) {
            return "";
        }
        return mapping.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    static String expectedShape(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return "a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.getName().startsWith("java.time.")
                || type == java.util.UUID.class
                || type.getName().startsWith("java.net.")) {
            return "a JSON string";
        }
        return "a JSON object";
    }

    private static String foundToken(MismatchedInputException exception) {
        // The parser is closed by now; Jackson's message names the token it found.
        String message = String.valueOf(exception.getOriginalMessage());
        if (message.contains("end-of-input")) {
            return "an empty body";
        }
        Matcher token = FOUND_TOKEN.matcher(message);
        if (!token.find()) {
            return null;
        }
        return switch (JsonToken.valueOf(token.group(1))) {
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }
}
