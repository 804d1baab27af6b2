package io.imagecast.events;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers every {@link Topics} name as configuration, {@code imagecast.topics.<constant in
 * kebab-case>} (e.g. {@code imagecast.topics.transfer-events}), so a service's channel refers to it
 * ({@code mp.messaging.incoming.x.topic=${imagecast.topics.transfer-events}}) and the name has one
 * source. Registered through {@code META-INF/services}; the lowest ordinal lets any other source
 * override it.
 */
public final class TopicsConfigSource implements ConfigSource {
    public static final String PREFIX = "imagecast.topics.";

    private static final Map<String, String> PROPERTIES = properties();

    @Override
    public Map<String, String> getProperties() {
        return PROPERTIES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "imagecast-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    properties.put(
                            PREFIX + field.getName().toLowerCase(Locale.ROOT).replace('_', '-'),
                            (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Topics." + field.getName() + " is not readable", e);
                }
            }
        }
        return Map.copyOf(properties);
    }
}
