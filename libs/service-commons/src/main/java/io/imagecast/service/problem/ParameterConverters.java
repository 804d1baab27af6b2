package io.imagecast.service.problem;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts numeric, UUID and instant parameters itself, so a value that does not convert is a 400
 * naming the parameter (JAX-RS would answer 404 for a query or path parameter), and an instant
 * PostgreSQL cannot store never reaches it.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Long::valueOf);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(
                    name, "must be a UUID such as 0b6d3c9e-2f1a-4c1e-9a7b-5d8e2f1c3a4b", ParameterConverters::uuid);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, InstantRange.RULE, text -> InstantRange.parse(name, text));
        }
        return null;
    }

    private static String parameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return null;
    }

    private static UUID uuid(String text) {
        // UUID.fromString accepts shortened groups such as 1-1-1-1-1; only the canonical form is an id.
        if (text.length() != 36) {
            throw new IllegalArgumentException(text);
        }
        return UUID.fromString(text);
    }

    private static <V> ParamConverter<V> converter(String name, String rule, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new InvalidParameterException(name, rule);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
