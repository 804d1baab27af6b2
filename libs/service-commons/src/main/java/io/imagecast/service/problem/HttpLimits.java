package io.imagecast.service.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Request limits enforced by {@link HttpLayerProblems}, so that a refusal is a problem document.
 * Vert.x's own decoder limits ({@code quarkus.http.limits.max-initial-line-length} and {@code
 * max-header-size}) are set well above the URI and header limits here: they only catch what is too
 * large even to be parsed, and Vert.x answers those with an empty body.
 */
@ConfigMapping(prefix = "imagecast.http")
public interface HttpLimits {
    /** Characters of the request target (path and query). */
    @WithDefault("4096")
    int maxUriLength();

    /** Header names, values and separators together. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    BodyLimit bodyLimit();

    /**
     * The largest body each route accepts, checked on Content-Length before anything is read. A
     * route gets the size its largest valid body can have; {@code quarkus.http.limits.max-body-size}
     * stays the ceiling for every route and bounds bodies sent without Content-Length (chunked).
     */
    interface BodyLimit {
        /** Any route not listed in {@link #paths()}. */
        @WithDefault("64K")
        MemorySize standard();

        /** Exact request paths (e.g. {@code "/api/v1/sessions"}) and their own limit. */
        Map<String, MemorySize> paths();

        default long forPath(String path) {
            MemorySize own = paths().get(path);
            return (own != null ? own : standard()).asLongValue();
        }
    }
}
