package io.imagecast.udpcast.net;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The IPv4 side of a network interface: its name, address and broadcast address (0 when it has none).
 */
public record InterfaceInfo(String name, int address, int broadcast) {

    /**
     * Resolves an interface by name, or picks the first up, non-loopback, multicast-capable interface
     * with an IPv4 address when {@code name} is null or blank.
     *
     * @throws IllegalArgumentException with the available interfaces when it cannot
     */
    public static InterfaceInfo resolve(String name) {
        try {
            if (name != null && !name.isBlank()) {
                NetworkInterface nif = NetworkInterface.getByName(name);
                if (nif == null) {
                    throw new IllegalArgumentException(
                            "no network interface named '" + name + "'; available: " + available());
                }
                InterfaceInfo info = ipv4Of(nif);
                if (info == null) {
                    throw new IllegalArgumentException("interface '" + name + "' has no IPv4 address");
                }
                if (!nif.isUp()) {
                    throw new IllegalArgumentException("interface '" + name + "' is down");
                }
                return info;
            }
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast()) {
                    InterfaceInfo info = ipv4Of(nif);
                    if (info != null) {
                        return info;
                    }
                }
            }
            throw new IllegalArgumentException("no usable multicast interface found; available: " + available());
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot list network interfaces: " + e.getMessage(), e);
        }
    }

    private static InterfaceInfo ipv4Of(NetworkInterface nif) {
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                int bcast = ia.getBroadcast() == null ? 0 : Ipv4.toInt(ia.getBroadcast());
                return new InterfaceInfo(nif.getName(), Ipv4.toInt(a), bcast);
            }
        }
        return null;
    }

    private static String available() throws SocketException {
        List<String> names = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            names.add(nif.getName());
        }
        return String.join(", ", names);
    }

    public String addressText() {
        return Ipv4.format(address);
    }

    public boolean hasBroadcast() {
        return broadcast != 0;
    }
}
