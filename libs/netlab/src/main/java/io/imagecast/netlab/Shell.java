package io.imagecast.netlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short administrative commands (ip, nft, sysctl) and fails loudly with their output. */
final class Shell {
    private Shell() {}

    static String run(List<String> command) {
        Result result = tryRun(command);
        if (result.exitCode() != 0) {
            throw new NetLabException("command failed (" + result.exitCode() + "): " + String.join(" ", command) + ": "
                    + result.output());
        }
        return result.output();
    }

    static Result tryRun(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    record Result(int exitCode, String output) {}
}
