package io.imagecast.service.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by service code to answer with a problem document; the slug names the problem type
 * ({@code https://imagecast.io/problems/<slug>}) and stays stable for clients to match on.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Integer retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Adds an extension member, e.g. {@code diagnosis} or {@code conflictingSession}. */
    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    /** Sends {@code Retry-After}: the request may succeed unchanged after this many seconds. */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The Retry-After seconds, or null when retrying unchanged will not help. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.typeFor(slug), title, status, getMessage(), instance, extensions);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
