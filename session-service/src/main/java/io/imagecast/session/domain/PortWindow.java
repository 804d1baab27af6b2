package io.imagecast.session.domain;

import java.util.OptionalInt;
import java.util.Set;

/** A group's port window; udpcast uses a session's even base port and base + 1. */
public record PortWindow(int start, int end) {
    public OptionalInt lowestFreeBase(Set<Integer> taken) {
        int first = start % 2 == 0 ? start : start + 1;
        for (int base = Math.max(first, 2); base + 1 <= end && base + 1 <= 65535; base += 2) {
            if (!taken.contains(base)) {
                return OptionalInt.of(base);
            }
        }
        return OptionalInt.empty();
    }

    public int capacity() {
        int first = start % 2 == 0 ? start : start + 1;
        int last = Math.min(end, 65535);
        return first + 1 > last ? 0 : (last - first + 1) / 2;
    }
}
