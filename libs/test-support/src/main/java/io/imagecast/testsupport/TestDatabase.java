package io.imagecast.testsupport;

/** A database a test JVM may use: its JDBC URL and credentials. */
public record TestDatabase(String jdbcUrl, String username, String password) {}
