package io.imagecast.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressesTest {
    @Test
    void parsesStrictDottedQuads() {
        assertThat(IpAddresses.parseIpv4("10.0.0.5")).hasValue(0x0A000005L);
        assertThat(IpAddresses.parseIpv4("255.255.255.255")).hasValue(0xFFFFFFFFL);
        assertThat(IpAddresses.parseIpv4("10.0.0")).isEmpty();
        assertThat(IpAddresses.parseIpv4("10.0.0.256")).isEmpty();
        assertThat(IpAddresses.parseIpv4("10.0.0.05")).isEmpty();
        assertThat(IpAddresses.parseIpv4("10.0.0.-1")).isEmpty();
        assertThat(IpAddresses.parseIpv4("storage.example")).isEmpty();
    }

    @Test
    void acceptsIpv6LiteralsButNeverNames() {
        assertThat(IpAddresses.isIpLiteral("fe80::1")).isTrue();
        assertThat(IpAddresses.isIpLiteral("2001:db8::10")).isTrue();
        assertThat(IpAddresses.isIpLiteral("localhost")).isFalse();
        assertThat(IpAddresses.isIpLiteral("fe80::zz")).isFalse();
        assertThat(IpAddresses.isIpLiteral("")).isFalse();
    }

    @Test
    void comparesByValue() {
        assertThat(IpAddresses.sameAddress("2001:db8:0:0::10", "2001:db8::10")).isTrue();
        assertThat(IpAddresses.sameAddress("10.0.0.5", "10.0.0.5")).isTrue();
        assertThat(IpAddresses.sameAddress("10.0.0.5", "10.0.0.6")).isFalse();
        assertThat(IpAddresses.sameAddress("10.0.0.5", null)).isFalse();
    }

    @Test
    void readsAsciiDigitsOnly() {
        assertThat(IpAddresses.parseIpv4("\uff11\uff10.0.0.5")).isEmpty();
        assertThat(IpAddresses.parseIpv4("10.0.0.\u0665")).isEmpty();
        assertThat(IpAddresses.isIpLiteral("\uff11\uff10.0.0.5")).isFalse();
    }

    @Test
    void aHostAddressIsUnicast() {
        assertThat(IpAddresses.isUnicastLiteral("10.0.0.5")).isTrue();
        assertThat(IpAddresses.isUnicastLiteral("223.255.255.254")).isTrue();
        assertThat(IpAddresses.isUnicastLiteral("127.0.0.1")).isTrue();
        assertThat(IpAddresses.isUnicastLiteral("2001:db8::10")).isTrue();
        assertThat(IpAddresses.isUnicastLiteral("0.0.0.0")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("0.1.2.3")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("224.0.0.1")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("239.255.255.250")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("240.0.0.1")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("255.255.255.255")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("::")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("ff02::1")).isFalse();
        assertThat(IpAddresses.isUnicastLiteral("storage.example")).isFalse();
    }
}
