package io.imagecast.session.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Data addresses for sessions, taken in order from the group's IPv4 CIDR blocks. */
public final class MulticastPool {
    /** Bounds the search in absurdly large blocks; no group runs this many sessions. */
    private static final int MAX_CANDIDATES = 65_536;

    private MulticastPool() {}

    public static Optional<String> firstFree(List<String> blocks, Set<String> taken) {
        int examined = 0;
        for (String block : blocks == null ? List.<String>of() : blocks) {
            long[] range = range(block);
            if (range == null) {
                continue;
            }
            for (long address = range[0]; address <= range[1] && examined < MAX_CANDIDATES; address++, examined++) {
                String candidate = format(address);
                if (!taken.contains(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** First and last address of a block, or null when it is not a multicast IPv4 block. */
    static long[] range(String block) {
        String[] parts = block.trim().split("/", 2);
        Long base = parse(parts[0]);
        if (base == null) {
            return null;
        }
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        } catch (NumberFormatException e) {
            return null;
        }
        if (prefix < 4 || prefix > 32) {
            return null;
        }
        long size = 1L << (32 - prefix);
        long first = base & ~(size - 1) & 0xFFFFFFFFL;
        long last = first + size - 1;
        boolean multicast = (first >>> 28) == 0xE && (last >>> 28) == 0xE;
        return multicast ? new long[] {first, last} : null;
    }

    private static Long parse(String dotted) {
        String[] octets = dotted.split("\\.");
        if (octets.length != 4) {
            return null;
        }
        long value = 0;
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int part = Integer.parseInt(octet);
            if (part > 255) {
                return null;
            }
            value = (value << 8) | part;
        }
        return value;
    }

    private static String format(long address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
