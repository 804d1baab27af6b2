package io.imagecast.service.problem;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character in any path or query parameter before a resource runs: PostgreSQL cannot
 * store it (a query would fail with 500) and no imagecast name, id or filter contains one. Bodies are
 * checked by {@link JsonInputRules}.
 */
public class NulCharacterFilter {

    @ServerRequestFilter
    public void refuseNul(UriInfo uriInfo) {
        check(uriInfo.getPathParameters());
        check(uriInfo.getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        parameters.forEach((name, values) -> {
            for (String value : values) {
                if (value != null && value.indexOf('\0') >= 0) {
                    throw new InvalidParameterException(name, "must not contain NUL characters (%00)");
                }
            }
        });
    }
}
