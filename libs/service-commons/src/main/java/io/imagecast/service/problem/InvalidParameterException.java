package io.imagecast.service.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A path or query parameter that cannot be what the endpoint takes. A {@link
 * jakarta.ws.rs.WebApplicationException}, so the REST layer passes it on as it is instead of
 * answering 404 for a parameter it could not convert.
 */
public class InvalidParameterException extends BadRequestException {
    private final String parameter;
    private final String rule;

    public InvalidParameterException(String parameter, String rule) {
        super(parameter + ": " + rule);
        this.parameter = parameter;
        this.rule = rule;
    }

    public String parameter() {
        return parameter;
    }

    public String rule() {
        return rule;
    }
}
