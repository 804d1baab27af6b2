package io.imagecast.registry.domain;

/** One address of an observed interface; {@code family} is "inet" or "inet6" as the node reports it. */
public record IpAddressOnInterface(String address, int prefixLength, String family) {
    public boolean carriesIpv4() {
        return "inet".equals(family) || IpAddresses.parseIpv4(address).isPresent();
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
