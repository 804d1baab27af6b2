package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The group settings flags shared by `groups create` and `groups update`; unset flags change nothing. */
final class GroupSettings {
    @Option(names = "--image-root", paramLabel = "PATH", description = "Where the group's images live on its nodes")
    String imageRoot;

    @Option(
            names = "--ports",
            paramLabel = "FIRST-LAST",
            description = "Window of session base ports, even numbers, e.g. 9000-9098")
    String ports;

    @Option(
            names = "--multicast-pool",
            split = ",",
            paramLabel = "CIDR",
            description = "IPv4 multicast blocks for session data (repeat or comma-separate), e.g. 239.1.0.0/24")
    List<String> multicastPool;

    @Option(names = "--max-sessions", paramLabel = "N", description = "Concurrent sessions of the group")
    Integer maxSessions;

    @Option(
            names = "--auto-apply-interface",
            negatable = true,
            description = "Apply a proposed multicast interface without an admin")
    Boolean autoApplyInterface;

    /** Writes the flags that were given into {@code request}; a malformed --ports fails as a usage error. */
    ObjectNode applyTo(ObjectNode request, picocli.CommandLine commandLine) {
        if (imageRoot != null) {
            request.put("imageRoot", imageRoot);
        }
        if (ports != null) {
            String[] range = ports.split("-", 2);
            try {
                request.put("portWindowStart", Integer.parseInt(range[0].trim()));
                request.put("portWindowEnd", Integer.parseInt(range[1].trim()));
            } catch (RuntimeException e) {
                throw new ParameterException(commandLine, "--ports: '" + ports + "' is not FIRST-LAST, e.g. 9000-9098");
            }
        }
        if (multicastPool != null) {
            ArrayNode pool = request.putArray("multicastPool");
            multicastPool.forEach(pool::add);
        }
        if (maxSessions != null) {
            request.put("maxSessions", maxSessions);
        }
        if (autoApplyInterface != null) {
            request.put("autoApplyInterface", autoApplyInterface);
        }
        return request;
    }
}
