package io.imagecast.session.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.imagecast.events.EventJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Stores a short list of strings as a JSON array in a text column. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        return EventJson.toJson(values == null ? List.of() : values);
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable list column: " + json, e);
        }
    }
}
