package io.imagecast.logs.domain;

public enum Direction {
    BACKWARD,
    FORWARD
}
