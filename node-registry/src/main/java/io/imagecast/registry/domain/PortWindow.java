package io.imagecast.registry.domain;

/** The inclusive range of even session base ports of a group; a session uses base and base+1. */
public record PortWindow(int start, int end) {
    public static final int LOWEST = 1024;
    public static final int HIGHEST = 65534;

    /**
     * Windows use ports [start, end+1]; with even bounds that overlap exactly when the base-port
     * ranges do, so [1024,1030] and [1032,1040] are disjoint while [1024,1030] and [1030,1040] are not.
     */
    public boolean overlaps(PortWindow other) {
        return start <= other.end && other.start <= end;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
