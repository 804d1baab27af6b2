package io.imagecast.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageRootPathsTest {
    @TempDir
    Path temp;

    @Test
    void pathsUnderTheRootLoseTheRootAndTheRootItselfIsNamedNotShown() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real-images"));
        Path root = Files.createSymbolicLink(temp.resolve("images"), real);
        StorageRootPaths paths = new StorageRootPaths(root);

        String failure = new NoSuchFileException(real.resolve("win10/d1p1.img").toString()).toString();

        assertThat(paths.relativize("cannot read: " + failure))
                .isEqualTo("cannot read: java.nio.file.NoSuchFileException: win10/d1p1.img");
        assertThat(paths.relativize("root " + root + " is gone")).isEqualTo("root <storage root> is gone");
        assertThat(paths.relativize("receiver 10.0.0.7 timed out")).isEqualTo("receiver 10.0.0.7 timed out");
        assertThat(paths.relativize(null)).isNull();
    }
}
