package io.imagecast.service.problem;

/** One invalid input field, as listed in the {@code errors} member of a validation problem. */
public record FieldViolation(String field, String message) {}
