package io.imagecast.cli.api;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The connection and output flags every API command takes. */
public final class ApiOptions {
    @Option(
            names = "--session-url",
            paramLabel = "URL",
            description = "session-service base URL (env IMAGECAST_SESSION_URL, config session-url;" + " default "
                    + Endpoints.DEFAULT_SESSION_URL + ")")
    String sessionUrl;

    @Option(
            names = "--registry-url",
            paramLabel = "URL",
            description = "node-registry base URL (env IMAGECAST_REGISTRY_URL, config registry-url;" + " default "
                    + Endpoints.DEFAULT_REGISTRY_URL + ")")
    String registryUrl;

    @Option(
            names = "--logs-url",
            paramLabel = "URL",
            description = "log-service base URL (env IMAGECAST_LOGS_URL, config logs-url;" + " default "
                    + Endpoints.DEFAULT_LOGS_URL + ")")
    String logsUrl;

    @Option(
            names = "--token",
            paramLabel = "JWT",
            description = "Bearer token (env IMAGECAST_TOKEN, config token or token-file; default .imagecast/token)")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the bearer token from FILE")
    Path tokenFile;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "human",
            description = "human (tables, default) or json (the API's JSON, for scripts)")
    OutputFormat output;

    public Endpoints endpoints(Endpoints.Surroundings around) {
        return Endpoints.resolve(new Endpoints.Flags(sessionUrl, registryUrl, logsUrl, token, tokenFile), around);
    }

    public OutputFormat output() {
        return output;
    }
}
