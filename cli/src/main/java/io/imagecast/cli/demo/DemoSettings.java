package io.imagecast.cli.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack is and who we are towards it, from the environment the launcher exports
 * ({@code ./imagecast demo} sets all of it).
 */
record DemoSettings(
        String sessionUrl,
        String registryUrl,
        String logsUrl,
        String token,
        Path stateDir,
        Optional<Path> storageRoot,
        String nodeId) {

    static DemoSettings fromEnvironment(Map<String, String> env) {
        Path state = Path.of(env.getOrDefault("IMAGECAST_STATE_DIR", ".imagecast"))
                .toAbsolutePath()
                .normalize();
        String token = env.get("IMAGECAST_TOKEN");
        if (token == null || token.isBlank()) {
            throw new DemoException("no admin token: IMAGECAST_TOKEN is not set (run the demo as `./imagecast demo`,"
                    + " which takes it from " + state.resolve("token") + ")");
        }
        return new DemoSettings(
                trimSlash(env.getOrDefault("IMAGECAST_SESSION_URL", "http://127.0.0.1:8081")),
                trimSlash(env.getOrDefault("IMAGECAST_REGISTRY_URL", "http://127.0.0.1:8082")),
                trimSlash(env.getOrDefault("IMAGECAST_LOGS_URL", "http://127.0.0.1:8083")),
                token.trim(),
                state,
                Optional.ofNullable(env.get("IMAGECAST_STORAGE_ROOT"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of),
                // the launcher leaves sender-service on its default node id unless the user set one
                env.getOrDefault("IMAGECAST_NODE_ID", "storage-1"));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
