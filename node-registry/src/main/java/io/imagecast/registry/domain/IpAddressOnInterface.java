package io.imagecast.registry.domain;

import java.util.Optional;

/** One address of an observed interface; {@code family} is "inet" or "inet6" as the node reports it. */
public record IpAddressOnInterface(String address, int prefixLength, String family) {
    public boolean carriesIpv4() {
        return "inet".equals(family) || IpAddresses.parseIpv4(address).isPresent();
    }

    /** The IPv4 network this address sits in, e.g. 10.0.0.0/24; empty for IPv6. */
    public Optional<String> ipv4Network() {
        return IpAddresses.parseIpv4(address).map(value -> {
            int prefix = Math.max(0, Math.min(32, prefixLength));
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            long network = value & mask;
            return (network >> 24 & 0xFF) + "." + (network >> 16 & 0xFF) + "." + (network >> 8 & 0xFF) + "."
                    + (network & 0xFF) + "/" + prefix;
        });
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
