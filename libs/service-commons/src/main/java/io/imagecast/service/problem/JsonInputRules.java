package io.imagecast.service.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * What every request body must respect before a resource sees it: each field once (otherwise
 * Jackson fails on records with an internal error), no NUL character in any string, which
 * PostgreSQL cannot store and which no imagecast value legitimately contains, and instants only
 * within {@link InstantRange}.
 */
@Singleton
public class JsonInputRules implements ObjectMapperCustomizer {
    /** Last, so these deserializers win over the modules Quarkus registers (JavaTimeModule). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("imagecast-input-rules")
                .addDeserializer(String.class, new NoNul())
                .addDeserializer(Instant.class, new StorableInstant()));
    }

    /** Jackson's own instant formats, limited to what a timestamp column holds ({@link InstantRange}). */
    static final class StorableInstant extends StdScalarDeserializer<Instant> {
        StorableInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (!InstantRange.contains(value)) {
                throw InvalidFormatException.from(parser, InstantRange.RULE, value.toString(), Instant.class);
            }
            return value;
        }
    }

    /** Jackson's own string handling (coercions included), then the NUL check. */
    static final class NoNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(
                        parser, "string contains a NUL character (\\u0000)", value, String.class);
            }
            return value;
        }
    }
}
