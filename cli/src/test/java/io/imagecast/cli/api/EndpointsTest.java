package io.imagecast.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {
    @TempDir
    Path dir;

    private static final Endpoints.Flags NO_FLAGS = new Endpoints.Flags(null, null, null, null, null);

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheConfigFile() throws Exception {
        Path config = Files.writeString(
                dir.resolve("config"),
                "session-url=http://config:1\nregistry-url=http://config:2\nlogs-url=http://config:3\ntoken=from-config\n");
        Map<String, String> env = Map.of("IMAGECAST_SESSION_URL", "http://env:1/", "IMAGECAST_TOKEN", "from-env");
        Endpoints.Flags flags = new Endpoints.Flags(null, "http://flag:2", null, null, null);

        Endpoints endpoints = Endpoints.resolve(flags, new Endpoints.Surroundings(env, config, dir));

        assertThat(endpoints.sessionUrl()).isEqualTo("http://env:1");
        assertThat(endpoints.registryUrl()).isEqualTo("http://flag:2");
        assertThat(endpoints.logsUrl()).isEqualTo("http://config:3");
        assertThat(endpoints.token()).isEqualTo("from-env");
    }

    @Test
    void withoutAnythingItIsTheLaunchersLocalStackAndToken() throws Exception {
        Files.createDirectories(dir.resolve(".imagecast"));
        Files.writeString(dir.resolve(".imagecast/token"), "local-token\n");

        Endpoints endpoints =
                Endpoints.resolve(NO_FLAGS, new Endpoints.Surroundings(Map.of(), dir.resolve("absent"), dir));

        assertThat(endpoints.sessionUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(endpoints.registryUrl()).isEqualTo("http://127.0.0.1:8082");
        assertThat(endpoints.logsUrl()).isEqualTo("http://127.0.0.1:8083");
        assertThat(endpoints.token()).isEqualTo("local-token");
    }

    @Test
    void aTokenFileFlagIsReadAndAMissingTokenIsAUsageErrorNamingTheFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), " file-token ");
        Endpoints.Surroundings empty = new Endpoints.Surroundings(Map.of(), dir.resolve("absent"), dir);

        assertThat(Endpoints.resolve(new Endpoints.Flags(null, null, null, null, file), empty)
                        .token())
                .isEqualTo("file-token");
        assertThatThrownBy(() -> Endpoints.resolve(NO_FLAGS, empty))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining("--token");
    }
}
