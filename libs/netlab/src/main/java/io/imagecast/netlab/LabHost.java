package io.imagecast.netlab;

/**
 * One host of a lab: a network namespace whose interface {@code e0} is attached to the lab bridge.
 *
 * @param namespace the network namespace name
 * @param address IPv4 address of e0
 * @param broadcast IPv4 broadcast address of e0's subnet
 * @param bridgePort name of the veth end on the bridge (inside the switch namespace)
 */
public record LabHost(String namespace, String address, String broadcast, String bridgePort) {
    public static final String INTERFACE = "e0";

    /** Command prefix that runs a program inside this host's namespace. */
    public java.util.List<String> exec(java.util.List<String> command) {
        var full = new java.util.ArrayList<String>(java.util.List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }
}
