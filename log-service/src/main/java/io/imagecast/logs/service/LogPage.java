package io.imagecast.logs.service;

import java.util.List;

/** One page of lines, newest first; {@code nextCursor} is null on the last page. */
public record LogPage(List<LogLineView> lines, String nextCursor) {}
