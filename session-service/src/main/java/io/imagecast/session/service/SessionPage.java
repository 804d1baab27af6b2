package io.imagecast.session.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of sessions, newest first; pass {@code nextCursor} as {@code cursor} for the next one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionPage(List<SessionSummary> items, String nextCursor) {}
