package io.imagecast.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthDetailsFilterTest {

    @Test
    void checksKeepNameAndStatusButLoseTheirData() {
        JsonObject payload = Json.createObjectBuilder()
                .add("status", "DOWN")
                .add(
                        "checks",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("name", "Kafka connection health check")
                                        .add("status", "UP")
                                        .add(
                                                "data",
                                                Json.createObjectBuilder().add("bootstrap.servers", "10.1.2.3:9092")))
                                .add(Json.createObjectBuilder()
                                        .add("name", "storage-root")
                                        .add("status", "DOWN")
                                        .add("data", Json.createObjectBuilder().add("path", "/srv/images"))))
                .build();

        JsonObject shown = new HealthDetailsFilter().filter(payload);

        assertThat(shown.getString("status")).isEqualTo("DOWN");
        assertThat(shown.getJsonArray("checks")).hasSize(2);
        assertThat(shown.getJsonArray("checks").getJsonObject(1).getString("name"))
                .isEqualTo("storage-root");
        assertThat(shown.getJsonArray("checks").getJsonObject(1).getString("status"))
                .isEqualTo("DOWN");
        assertThat(shown.toString()).doesNotContain("data", "10.1.2.3", "/srv/images");
    }
}
