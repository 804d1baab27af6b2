package io.imagecast.cli.api;

/** How a command prints what it got: for people (tables) or for scripts (the API's JSON). */
public enum OutputFormat {
    HUMAN,
    JSON
}
