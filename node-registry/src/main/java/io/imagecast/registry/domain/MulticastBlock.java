package io.imagecast.registry.domain;

import java.util.Optional;

/** An IPv4 CIDR block of multicast data addresses, e.g. {@code 239.10.0.0/24}. */
public record MulticastBlock(long network, int prefixLength) {
    private static final MulticastBlock MULTICAST = new MulticastBlock(0xE0000000L, 4);
    /** 224.0.0.0/24 is link-local control traffic (IGMP, OSPF, mDNS): never session data. */
    private static final MulticastBlock LOCAL_CONTROL = new MulticastBlock(0xE0000000L, 24);

    /** Why the text is not a usable multicast block, or empty when it is one. */
    public static Optional<String> problemWith(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            return Optional.of("must be an IPv4 CIDR block such as 239.10.0.0/24");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.of("'" + cidr + "' lacks a prefix length; write it as a CIDR block, e.g. " + cidr + "/32");
        }
        Optional<Long> address = IpAddresses.parseIpv4(cidr.substring(0, slash));
        String prefixText = cidr.substring(slash + 1);
        if (address.isEmpty()) {
            return Optional.of("'" + cidr + "' does not start with an IPv4 address");
        }
        if (prefixText.isEmpty()
                || prefixText.length() > 2
                || !prefixText.chars().allMatch(Character::isDigit)) {
            return Optional.of("'" + cidr + "' has no valid prefix length (0-32)");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > 32) {
            return Optional.of("'" + cidr + "' has a prefix length above 32");
        }
        MulticastBlock block = new MulticastBlock(address.get() & mask(prefix), prefix);
        if (block.network != address.get()) {
            return Optional.of("'" + cidr + "' has host bits set; the block is " + block);
        }
        if (!MULTICAST.contains(block)) {
            return Optional.of("'" + cidr + "' is not inside the IPv4 multicast range 224.0.0.0/4");
        }
        if (block.overlaps(LOCAL_CONTROL)) {
            return Optional.of("'" + cidr + "' overlaps 224.0.0.0/24, reserved for local network control;"
                    + " use the administratively scoped range 239.0.0.0/8");
        }
        return Optional.empty();
    }

    public static MulticastBlock parse(String cidr) {
        problemWith(cidr).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int slash = cidr.indexOf('/');
        return new MulticastBlock(
                IpAddresses.parseIpv4(cidr.substring(0, slash)).orElseThrow(),
                Integer.parseInt(cidr.substring(slash + 1)));
    }

    public boolean contains(MulticastBlock other) {
        return other.prefixLength >= prefixLength && (other.network & mask(prefixLength)) == network;
    }

    public boolean overlaps(MulticastBlock other) {
        return contains(other) || other.contains(this);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return IpAddresses.formatIpv4(network) + "/" + prefixLength;
    }
}
