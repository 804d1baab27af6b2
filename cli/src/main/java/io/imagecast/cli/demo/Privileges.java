package io.imagecast.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether this process may build network namespaces and a veth in the machine's own namespace. */
final class Privileges {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Privileges() {}

    /** Null when the demo can build its lab, else what is missing and what to do. */
    static String missing() {
        List<String> status;
        try {
            status = Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return "cannot read /proc/self/status (" + e.getMessage() + "): the demo needs Linux";
        }
        return missing(status);
    }

    static String missing(List<String> procStatus) {
        long effective = 0;
        boolean root = false;
        for (String line : procStatus) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                root = ids.length > 1 && ids[1].equals("0");
            } else if (line.startsWith("CapEff:")) {
                effective = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
        }
        boolean netAdmin = (effective & (1L << CAP_NET_ADMIN)) != 0;
        boolean sysAdmin = (effective & (1L << CAP_SYS_ADMIN)) != 0;
        if (netAdmin && sysAdmin) {
            return null;
        }
        return "the demo builds network namespaces (`ip netns add` mounts them: CAP_SYS_ADMIN) and a veth plus an"
                + " address in this machine's network namespace, where the launcher's sender-service runs"
                + " (CAP_NET_ADMIN); this process has " + (root ? "uid 0 but lacks " : "neither root nor ")
                + (netAdmin ? "CAP_SYS_ADMIN" : sysAdmin ? "CAP_NET_ADMIN" : "CAP_NET_ADMIN and CAP_SYS_ADMIN")
                + ". Run it as root: `sudo ./imagecast demo`. There is no user-namespace mode: an unprivileged"
                + " user namespace cannot attach a veth to the machine's own network namespace, and the"
                + " sender-service must multicast from there.";
    }
}
