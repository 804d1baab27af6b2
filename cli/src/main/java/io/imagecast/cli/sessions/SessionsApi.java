package io.imagecast.cli.sessions;

import io.imagecast.cli.api.ApiCommand;

/** A command on session-service's {@code /api/v1/sessions}. */
abstract class SessionsApi extends ApiCommand {
    protected String sessions() {
        return endpoints().sessionUrl() + "/api/v1/sessions";
    }

    protected String session(String id) {
        return sessions() + "/" + segment(id);
    }
}
