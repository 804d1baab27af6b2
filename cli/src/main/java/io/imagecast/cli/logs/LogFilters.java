package io.imagecast.cli.logs;

import io.imagecast.cli.api.Query;
import java.util.List;
import picocli.CommandLine.Option;

/** The label and line filters of log-service's query and tail; values of one flag are ORed. */
final class LogFilters {
    @Option(
            names = "--service",
            split = ",",
            paramLabel = "NAME",
            description = "Only these services (repeat or comma-separate)")
    List<String> services;

    @Option(names = "--node", split = ",", paramLabel = "NODE", description = "Only these storage nodes")
    List<String> nodes;

    @Option(names = "--session", split = ",", paramLabel = "ID", description = "Only lines about these sessions")
    List<String> sessions;

    @Option(names = "--level", split = ",", paramLabel = "LEVEL", description = "Only these levels, e.g. warn,error")
    List<String> levels;

    @Option(names = "--contains", paramLabel = "TEXT", description = "Only lines containing TEXT")
    String contains;

    @Option(names = "--regex", paramLabel = "RE2", description = "Only lines matching the regular expression")
    String regex;

    Query query() {
        return new Query()
                .addAll("service", services)
                .addAll("node", nodes)
                .addAll("session", sessions)
                .addAll("level", levels)
                .add("contains", contains)
                .add("regex", regex);
    }
}
