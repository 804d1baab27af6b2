package io.imagecast.registry.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP literals without ever resolving names (InetAddress would do a DNS lookup on a name). */
public final class IpAddresses {
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {}

    /** The address as a 32-bit value, when it is a dotted-quad IPv4 literal without leading zeros. */
    public static Optional<Long> parseIpv4(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            // ASCII digits only: Character.isDigit (and Integer.parseInt) also take fullwidth and other scripts' digits
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    public static boolean isIpv6Literal(String text) {
        if (text == null || !text.contains(":") || !IPV6_LITERAL.matcher(text).matches()) {
            return false;
        }
        try {
            // Safe: a string of hex digits, colons and dots is parsed as a literal, never looked up.
            return InetAddress.getByName(text).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static boolean isIpLiteral(String text) {
        return parseIpv4(text).isPresent() || isIpv6Literal(text);
    }

    /**
     * An address a host can have: an IP literal that is not unspecified ({@code 0.0.0.0/8},
     * {@code ::}), multicast ({@code 224.0.0.0/4}, {@code ff00::/8}) or reserved/broadcast
     * ({@code 240.0.0.0/4}, which holds {@code 255.255.255.255}).
     */
    public static boolean isUnicastLiteral(String text) {
        Optional<Long> ipv4 = parseIpv4(text);
        if (ipv4.isPresent()) {
            long firstOctet = ipv4.get() >> 24;
            return firstOctet != 0 && firstOctet < 224;
        }
        if (!isIpv6Literal(text)) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            return !address.isAnyLocalAddress() && !address.isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Compares literals by value, so "fe80::1" and "fe80:0:0::1" are the same address. */
    public static boolean sameAddress(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        Optional<Long> a4 = parseIpv4(a);
        Optional<Long> b4 = parseIpv4(b);
        if (a4.isPresent() || b4.isPresent()) {
            return a4.equals(b4);
        }
        if (isIpv6Literal(a) && isIpv6Literal(b)) {
            try {
                return InetAddress.getByName(a).equals(InetAddress.getByName(b));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    static String formatIpv4(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "."
                + (value & 0xff);
    }
}
