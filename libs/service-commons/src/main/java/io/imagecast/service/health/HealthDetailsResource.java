package io.imagecast.service.health;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Every health check with its data, for viewers: {@code /q/health} (open to probes) shows only
 * statuses. Always 200 when the checks ran; the body's {@code status} says UP or DOWN.
 */
@Path("/api/v1/health")
public class HealthDetailsResource {
    private final SmallRyeHealthReporter reporter;

    public HealthDetailsResource(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    @GET
    @Blocking
    @RolesAllowed("viewer")
    @Produces(MediaType.APPLICATION_JSON)
    public String details() {
        return reporter.getHealth().getPayload().toString();
    }
}
