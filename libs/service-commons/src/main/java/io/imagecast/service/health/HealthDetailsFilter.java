package io.imagecast.service.health;

import io.smallrye.health.api.HealthContentFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Keeps {@code /q/health} answers to status and check names: probes need no more, and the checks'
 * {@code data} (Kafka address, storage root, ...) is for authenticated callers at
 * {@link HealthDetailsResource}. SmallRye Health applies content filters only where it writes the
 * {@code /q/health} responses, not to {@code SmallRyeHealthReporter.getHealth()}.
 */
@ApplicationScoped
public class HealthDetailsFilter implements HealthContentFilter {

    @Override
    public JsonObject filter(JsonObject payload) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        payload.forEach((name, value) -> {
            if ("checks".equals(name) && value.getValueType() == JsonValue.ValueType.ARRAY) {
                JsonArrayBuilder checks = Json.createArrayBuilder();
                for (JsonValue check : value.asJsonArray()) {
                    checks.add(
                            check.getValueType() == JsonValue.ValueType.OBJECT
                                    ? withoutData(check.asJsonObject())
                                    : check);
                }
                out.add(name, checks);
            } else {
                out.add(name, value);
            }
        });
        return out.build();
    }

    private static JsonObject withoutData(JsonObject check) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        check.forEach((name, value) -> {
            if (!"data".equals(name)) {
                out.add(name, value);
            }
        });
        return out.build();
    }
}
