package io.imagecast.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that calls the REST APIs: connection flags, the client, the printer and the exit code. */
public abstract class ApiCommand implements Callable<Integer> {
    protected static final ObjectMapper MAPPER = new ObjectMapper();

    @Mixin
    protected ApiOptions options;

    @Spec
    protected CommandSpec spec;

    private Endpoints endpoints;
    private ApiClient client;
    private Printer printer;

    @Override
    public final Integer call() {
        return run();
    }

    /** Does the work and returns the exit code ({@link ExitCodes}). */
    protected abstract int run();

    protected Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = options.endpoints(Endpoints.Surroundings.ofThisProcess());
        }
        return endpoints;
    }

    protected ApiClient client() {
        if (client == null) {
            client = new ApiClient(endpoints().token());
        }
        return client;
    }

    protected Printer out() {
        if (printer == null) {
            printer = new Printer(spec.commandLine().getOut(), options.output(), Ansi.AUTO.enabled());
        }
        return printer;
    }

    protected JsonNode get(String url) {
        return client().get(url);
    }

    /** Sends a request that must succeed; a refusal becomes an {@link ApiException} with its problem+json. */
    protected ApiClient.Reply send(String method, String url, Object body, Map<String, String> headers) {
        ApiClient.Reply reply = client().call(method, url, body, headers);
        if (!reply.ok()) {
            throw ApiException.of(method + " " + url, reply);
        }
        return reply;
    }

    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path segment from a user's argument, encoded so that it cannot reach another resource. */
    protected static String segment(String value) {
        return encode(value);
    }

    protected static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
