package io.imagecast.cli.logs;

import io.imagecast.cli.api.ApiCommand;
import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "tail",
        description = "Follow new log lines as they are stored (Ctrl-C to stop).",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast logs tail --session 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55 --level info,warn,error")
final class TailLogs extends ApiCommand {
    @Mixin
    LogFilters filters;

    @Option(names = "--lines", paramLabel = "N", description = "Stop after N lines")
    Integer lines;

    @Override
    protected int run() {
        if (lines != null && lines < 1) {
            throw usage("--lines: must be at least 1");
        }
        AtomicInteger seen = new AtomicInteger();
        client().follow(endpoints().logsUrl() + "/api/v1/logs/tail" + filters.query(), event -> {
            try {
                var data = MAPPER.readTree(event.data());
                if ("missed".equals(event.name())) {
                    spec.commandLine()
                            .getErr()
                            .println(
                                    "... " + data.path("missed").asLong() + " line(s) missed (this tail was too slow)");
                    spec.commandLine().getErr().flush();
                    return true;
                }
                if (out().json()) {
                    out().jsonLine(data);
                } else {
                    out().line(LogLines.format(out(), data));
                }
            } catch (java.io.IOException e) {
                throw new ApiException(ExitCodes.FAILURE, "log-service sent an unreadable event: " + e.getMessage());
            }
            return lines == null || seen.incrementAndGet() < lines;
        });
        return ExitCodes.OK;
    }
}
