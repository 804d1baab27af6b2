package io.imagecast.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** The one JSON mapping of every message; services must not configure their own. */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    public static String toJson(Object message) {
        return new String(toBytes(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> T fromBytes(byte[] json, Class<T> type) throws MalformedMessageException {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(
                    "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a message by its CloudEvents type, as found in the {@code ce_type} header. */
    public static ImagecastMessage decode(String ceType, byte[] json) throws MalformedMessageException {
        Class<? extends ImagecastMessage> type = EventTypes.classOf(ceType)
                .orElseThrow(() -> new MalformedMessageException("unknown event type " + ceType, null));
        return fromBytes(json, type);
    }
}
