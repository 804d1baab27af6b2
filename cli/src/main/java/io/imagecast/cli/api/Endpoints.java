package io.imagecast.cli.api;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the services are and the token to call them with. Each value comes from the first of: the
 * command's flag, the environment the launcher exports, {@code ~/.config/imagecast/config}, and the
 * launcher's local stack (ports 8081-8083, token in {@code .imagecast/token}).
 */
public record Endpoints(String sessionUrl, String registryUrl, String logsUrl, String token) {
    public static final String DEFAULT_SESSION_URL = "http://127.0.0.1:8081";
    public static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8082";
    public static final String DEFAULT_LOGS_URL = "http://127.0.0.1:8083";

    /** What the flags said (null: not given). */
    public record Flags(String sessionUrl, String registryUrl, String logsUrl, String token, Path tokenFile) {}

    /** The process's surroundings, passed in so that resolution can be tested without touching the real ones. */
    public record Surroundings(Map<String, String> env, Path configFile, Path workDir) {
        public static Surroundings ofThisProcess() {
            Path home = Path.of(System.getProperty("user.home"));
            String xdg = System.getenv("XDG_CONFIG_HOME");
            Path configDir = xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg);
            return new Surroundings(
                    System.getenv(),
                    configDir.resolve("imagecast/config"),
                    Path.of("").toAbsolutePath());
        }
    }

    public static Endpoints resolve(Flags flags, Surroundings around) {
        Properties config = readConfig(around.configFile());
        String session =
                first(flags.sessionUrl(), around.env().get("IMAGECAST_SESSION_URL"), config.getProperty("session-url"));
        String registry = first(
                flags.registryUrl(), around.env().get("IMAGECAST_REGISTRY_URL"), config.getProperty("registry-url"));
        String logs = first(flags.logsUrl(), around.env().get("IMAGECAST_LOGS_URL"), config.getProperty("logs-url"));
        return new Endpoints(
                trim(session == null ? DEFAULT_SESSION_URL : session),
                trim(registry == null ? DEFAULT_REGISTRY_URL : registry),
                trim(logs == null ? DEFAULT_LOGS_URL : logs),
                token(flags, around, config));
    }

    private static String token(Flags flags, Surroundings around, Properties config) {
        if (flags.token() != null) {
            return flags.token().trim();
        }
        if (flags.tokenFile() != null) {
            return readToken(flags.tokenFile(), "--token-file");
        }
        String env = around.env().get("IMAGECAST_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        if (config.getProperty("token") != null) {
            return config.getProperty("token").trim();
        }
        if (config.getProperty("token-file") != null) {
            return readToken(Path.of(config.getProperty("token-file").trim()), "token-file in " + around.configFile());
        }
        String stateDir = around.env().get("IMAGECAST_STATE_DIR");
        Path local = stateDir == null || stateDir.isBlank()
                ? around.workDir().resolve(".imagecast/token")
                : Path.of(stateDir).resolve("token");
        if (Files.isReadable(local)) {
            return readToken(local, "the launcher's token");
        }
        throw new ApiException(
                ExitCodes.USAGE,
                "no token: pass --token or --token-file, set IMAGECAST_TOKEN, or put token= in " + around.configFile()
                        + " (the local stack keeps one in .imagecast/token)");
    }

    private static String readToken(Path file, String source) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new ApiException(ExitCodes.USAGE, source + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static Properties readConfig(Path file) {
        Properties config = new Properties();
        if (file != null && Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                config.load(reader);
            } catch (IOException e) {
                throw new ApiException(ExitCodes.USAGE, "cannot read " + file + " (" + e.getMessage() + ")");
            }
        }
        return config;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
