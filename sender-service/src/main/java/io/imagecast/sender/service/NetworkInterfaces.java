package io.imagecast.sender.service;

import io.imagecast.events.node.InterfaceAddress;
import io.imagecast.events.node.ObservedInterface;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The network interfaces this machine really has, as the JVM sees them right now. */
@ApplicationScoped
public class NetworkInterfaces {

    public List<ObservedInterface> discover() {
        List<ObservedInterface> result = new ArrayList<>();
        for (NetworkInterface nic : all()) {
            observe(nic).ifPresent(result::add);
        }
        result.sort(Comparator.comparing(ObservedInterface::name));
        return result;
    }

    /**
     * The IPv4 address to send from on {@code name}, or a precise reason why the interface cannot
     * carry multicast (missing, down, no multicast, no IPv4 address), naming the usable ones.
     */
    public Inet4Address multicastAddressOf(String name) throws InterfaceProblemException {
        if (name == null || name.isBlank()) {
            throw new InterfaceProblemException(
                    "no multicast interface is configured for this node; usable interfaces: " + usableNames());
        }
        NetworkInterface nic;
        try {
            nic = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new InterfaceProblemException("cannot inspect interface " + name + ": " + e.getMessage());
        }
        if (nic == null) {
            throw new InterfaceProblemException(
                    "interface " + name + " does not exist on this node; usable interfaces: " + usableNames());
        }
        try {
            if (!nic.isUp()) {
                throw new InterfaceProblemException("interface " + name + " is down");
            }
            if (!nic.supportsMulticast() && !nic.isLoopback()) {
                throw new InterfaceProblemException("interface " + name + " does not support multicast");
            }
        } catch (SocketException e) {
            throw new InterfaceProblemException("cannot inspect interface " + name + ": " + e.getMessage());
        }
        return Collections.list(nic.getInetAddresses()).stream()
                .filter(Inet4Address.class::isInstance)
                .map(Inet4Address.class::cast)
                .findFirst()
                .orElseThrow(() -> new InterfaceProblemException("interface " + name + " has no IPv4 address"));
    }

    private String usableNames() {
        String names = discover().stream()
                .filter(nic -> nic.up() && nic.multicast() && !nic.loopback())
                .filter(nic -> nic.addresses().stream().anyMatch(a -> a.family().equals("inet")))
                .map(ObservedInterface::name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    private static java.util.Optional<ObservedInterface> observe(NetworkInterface nic) {
        try {
            List<InterfaceAddress> addresses = nic.getInterfaceAddresses().stream()
                    .filter(a -> a.getAddress() != null)
                    .map(a -> new InterfaceAddress(
                            a.getAddress().getHostAddress().replaceFirst("%.*$", ""),
                            a.getNetworkPrefixLength(),
                            a.getAddress() instanceof Inet4Address ? "inet" : "inet6"))
                    .toList();
            return java.util.Optional.of(new ObservedInterface(
                    nic.getName(),
                    addresses,
                    nic.getMTU(),
                    nic.isUp(),
                    nic.supportsMulticast(),
                    nic.isLoopback(),
                    nic.isVirtual()));
        } catch (SocketException e) {
            // The interface vanished while we looked at it; it is simply not reported this round.
            return java.util.Optional.empty();
        }
    }

    private static List<NetworkInterface> all() {
        try {
            var nics = NetworkInterface.getNetworkInterfaces();
            return nics == null ? List.of() : Collections.list(nics);
        } catch (SocketException e) {
            return List.of();
        }
    }
}
