package io.imagecast.session.api;

import io.imagecast.session.config.SessionConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the static sessions page (/ui/) cannot know by itself; nothing secret, so no token needed. */
@Path("/ui/settings.json")
public class UiSettingsResource {
    private final SessionConfig config;

    public UiSettingsResource(SessionConfig config) {
        this.config = config;
    }

    /** Settings of the page, not part of the API a scheduler uses. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public UiSettings settings() {
        return new UiSettings(config.ui().logViewerUrl());
    }

    public record UiSettings(String logViewerUrl) {}
}
