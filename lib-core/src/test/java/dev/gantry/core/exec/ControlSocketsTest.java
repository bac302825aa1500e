package dev.gantry.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlSocketsTest {

    /** Not JUnit's @TempDir: its paths are too long to hold a Unix socket, which is the point here. */
    private Path temp;

    @BeforeEach
    void createAShortTemporaryDirectory() throws Exception {
        temp = Files.createDirectory(Path.of("/tmp", "gcs-" + Long.toString(System.nanoTime() % 2_000_000_000L, 36)));
    }

    @AfterEach
    void deleteIt() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> paths = Files.walk(temp)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                Files.delete(path);
            }
        }
    }

    @Test
    void createsOnePrivateDirectoryOnFirstUseAndDeletesItWithItsSockets() throws Exception {
        ControlSockets sockets = ControlSockets.of(List.of(temp));
        assertThat(sockets.directory()).isEmpty();

        String path = sockets.controlPath().orElseThrow();
        Path directory = sockets.directory().orElseThrow();
        Files.writeString(directory.resolve("0123abcd"), "a socket left by a master that is gone");

        assertThat(path).isEqualTo(directory + "/%C");
        assertThat(directory.getParent()).isEqualTo(temp);
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(sockets.controlPath()).contains(path);

        sockets.delete();

        assertThat(directory).doesNotExist();
        assertThat(sockets.controlPath()).as("no new directory after delete").isEmpty();
    }

    @Test
    void skipsABaseTooLongForAUnixSocketAndOneThatDoesNotExist() throws Exception {
        Path deep = Files.createDirectories(temp.resolve("d".repeat(60)));
        Path missing = temp.resolve("missing");
        ControlSockets sockets = ControlSockets.of(List.of(deep, missing, temp));

        assertThat(ControlSockets.fits(deep)).isFalse();
        assertThat(sockets.controlPath()).isPresent();
        assertThat(sockets.directory().orElseThrow().getParent()).isEqualTo(temp);
        sockets.delete();
    }

    @Test
    void turnsReuseOffWhenNoBaseWillDo() throws Exception {
        Path readOnly = Files.createDirectories(temp.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        ControlSockets none = ControlSockets.of(List.of());
        ControlSockets missing = ControlSockets.of(List.of(temp.resolve("missing")));

        assertThat(none.controlPath()).isEmpty();
        assertThat(missing.controlPath()).isEmpty();
        if (!"root".equals(System.getProperty("user.name"))) {
            assertThat(ControlSockets.of(List.of(readOnly)).controlPath()).isEmpty();
        }
        none.delete();
    }

    @Test
    void theDefaultBasesLeaveRoomForTheLongestSocketName() {
        ControlSockets sockets = ControlSockets.ofDefaults();
        try {
            Path directory = Path.of(sockets.controlPath().orElseThrow().replace("/%C", ""));
            assertThat(ControlSockets.fits(directory.getParent())).isTrue();
            assertThat(directory.toString().length() + 1 + 40 + 17).isLessThanOrEqualTo(ControlSockets.MAX_SOCKET_PATH);
        } finally {
            sockets.delete();
        }
    }
}
