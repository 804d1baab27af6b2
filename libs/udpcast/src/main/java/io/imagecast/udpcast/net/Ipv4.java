package io.imagecast.udpcast.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as 32-bit ints (network order), the form udpcast puts on the wire. */
public final class Ipv4 {
    private Ipv4() {}

    public static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** Parses a dotted quad (no name lookups). */
    public static int parse(String dotted) {
        String[] parts = dotted.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int v = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            if (octet < 0 || octet > 255 || p.isEmpty() || p.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String format(int ip) {
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    public static Inet4Address toAddress(int ip) {
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isMulticast(int ip) {
        return (ip >>> 28) == 0xE;
    }

    /** udpcast's default data group: keep the low 27 bits of the interface address, top 5 bits 11101. */
    public static int defaultDataAddress(int interfaceAddress) {
        return (interfaceAddress & 0x07FFFFFF) | 0xE8000000;
    }
}
