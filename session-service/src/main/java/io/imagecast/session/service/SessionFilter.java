package io.imagecast.session.service;

import io.imagecast.session.domain.SessionState;
import java.time.Instant;
import java.util.Set;

/** List filters; null means "any". Cursor positions are exclusive, newest first. */
public record SessionFilter(
        Set<SessionState> states,
        String group,
        String node,
        String name,
        Instant createdAfter,
        Instant createdBefore,
        Cursor after,
        int limit) {}
