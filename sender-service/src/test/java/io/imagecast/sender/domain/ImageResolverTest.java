package io.imagecast.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageResolverTest {
    @TempDir
    Path temp;

    Path root;
    ImageResolver resolver;

    @BeforeEach
    void image() throws Exception {
        root = Files.createDirectories(temp.resolve("images"));
        Path win10 = Files.createDirectories(root.resolve("win10"));
        Files.write(win10.resolve("d1p1.img"), new byte[100]);
        Files.write(win10.resolve("d1p2.img"), new byte[250]);
        Files.writeString(temp.resolve("secret"), "outside");
        resolver = new ImageResolver(root);
    }

    @Test
    void resolvesFilesInOrderWithSizes() throws Exception {
        ResolvedImage image = resolver.resolve("win10", List.of("d1p2.img", "d1p1.img"));

        assertThat(image.files()).extracting(ImageFile::name).containsExactly("d1p2.img", "d1p1.img");
        assertThat(image.totalBytes()).isEqualTo(350);
        assertThat(image.files().get(0).path())
                .isEqualTo(root.resolve("win10/d1p2.img").toRealPath());
    }

    @Test
    void missingFileIsNamedRelativeToTheStorageRoot() {
        assertThatThrownBy(() -> resolver.resolve("win10", List.of("d1p1.img", "d1p3.img")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessage("image file win10/d1p3.img does not exist");
    }

    @Test
    void noRefusalNamesAnAbsoluteServerPath() throws Exception {
        Files.createSymbolicLink(root.resolve("win10/escape.img"), temp.resolve("secret"));
        Files.createSymbolicLink(root.resolve("linked-dir"), temp);
        Files.createDirectories(root.resolve("empty"));

        List<Throwable> refusals = new ArrayList<>();
        for (ThrowingCallable attempt : List.<ThrowingCallable>of(
                () -> resolver.resolve("win10", List.of("escape.img")),
                () -> resolver.resolve("linked-dir", null),
                () -> resolver.resolve("missing-dir", null),
                () -> resolver.resolve("empty", null),
                () -> resolver.resolve("", List.of("win10")),
                () -> resolver.resolve("win10", List.of("d1p1.img/x")),
                () -> new ImageResolver(temp.resolve("no-such-root")).resolve("win10", null))) {
            refusals.add(catchThrowable(attempt));
        }

        assertThat(refusals)
                .hasSize(7)
                .allSatisfy(refusal -> assertThat(refusal)
                        .isInstanceOf(ImageResolutionException.class)
                        .message()
                        .doesNotContain(temp.toString())
                        .doesNotContain(temp.toRealPath().toString()));
    }

    @Test
    void dotDotIsRefusedEvenWhenItStaysInside() {
        assertThatThrownBy(() -> resolver.resolve("win10/../win10", List.of("d1p1.img")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("'..' may not appear");
        assertThatThrownBy(() -> resolver.resolve("win10", List.of("../../secret")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("../../secret");
    }

    @Test
    void absolutePathsAreRefused() {
        assertThatThrownBy(() -> resolver.resolve("/etc", List.of("passwd")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("must be relative");
    }

    @Test
    void symlinkLeavingTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("win10/escape.img"), temp.resolve("secret"));
        Files.createSymbolicLink(root.resolve("linked-dir"), temp);

        assertThatThrownBy(() -> resolver.resolve("win10", List.of("escape.img")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("outside the storage root");
        assertThatThrownBy(() -> resolver.resolve("linked-dir", List.of("secret")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("outside the storage root");
    }

    @Test
    void symlinkInsideTheRootIsFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("win10"));

        assertThat(resolver.resolve("alias", List.of("d1p1.img")).totalBytes()).isEqualTo(100);
    }

    @Test
    void directoriesAndEmptyListsAreRefused() {
        assertThatThrownBy(() -> resolver.resolve("", List.of("win10")))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> resolver.resolve("", List.of()))
                .isInstanceOf(ImageResolutionException.class)
                .hasMessageContaining("holds no partition files");
    }

    @Test
    void withoutFileNamesThePartitionFilesAreListedInFogOrder() throws Exception {
        Path win10 = root.resolve("win10");
        Files.write(win10.resolve("d1p10.img"), new byte[1]);
        Files.write(win10.resolve("d1.mbr"), new byte[512]);
        Files.write(win10.resolve("d2p1.img"), new byte[1]);

        assertThat(resolver.resolve("win10", null).files())
                .extracting(ImageFile::name)
                .containsExactly("d1p1.img", "d1p2.img", "d1p10.img", "d2p1.img");
    }
}
