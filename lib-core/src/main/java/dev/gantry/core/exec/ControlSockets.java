package dev.gantry.core.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private directory that holds one {@link OpenSshExecutor}'s connection-reuse sockets: created
 * on first use with mode 0700 (ssh refuses sockets others could reach), under
 * {@code $XDG_RUNTIME_DIR} or {@code java.io.tmpdir}, falling back to {@code /tmp} when those
 * paths are too long for a Unix socket, and deleted by {@link #delete()}. When no directory can be
 * made, connection reuse is off. Thread-safe.
 */
final class ControlSockets {

    private static final Logger log = LoggerFactory.getLogger(ControlSockets.class);

    /** sun_path is 108 bytes on Linux and 104 on macOS and the BSDs, the terminating NUL included. */
    static final int MAX_SOCKET_PATH = 103;
    /** ssh binds {@code <ControlPath>.<16 random characters>} first, then renames it; %C is 40 hex digits. */
    private static final int SOCKET_NAME = "/".length() + 40 + ".".length() + 16;
    private static final String PREFIX = "gantry-ssh-";
    private static final int RANDOM_CHARS = 8;
    private static final int ATTEMPTS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Path> bases;
    private Optional<Path> directory = Optional.empty();
    private boolean tried;

    private ControlSockets(List<Path> bases) {
        this.bases = bases;
    }

    /** Sockets under {@code $XDG_RUNTIME_DIR}, {@code java.io.tmpdir} or {@code /tmp}: the first that fits. */
    static ControlSockets ofDefaults() {
        Stream<String> candidates = Stream.of(System.getenv("XDG_RUNTIME_DIR"), System.getProperty("java.io.tmpdir"),
                "/tmp");
        return of(candidates.filter(c -> c != null && !c.isBlank()).map(Path::of).toList());
    }

    /** Sockets under the first of {@code bases} that exists and leaves a short enough socket path. */
    static ControlSockets of(List<Path> bases) {
        return new ControlSockets(List.copyOf(bases));
    }

    /** Whether a socket in a new directory under {@code base} stays within the Unix socket limit. */
    static boolean fits(Path base) {
        String directory = base.toAbsolutePath().resolve(PREFIX + "x".repeat(RANDOM_CHARS)).toString();
        return directory.getBytes(StandardCharsets.UTF_8).length + SOCKET_NAME <= MAX_SOCKET_PATH;
    }

    /**
     * The ControlPath to give ssh, creating the directory on the first call.
     *
     * @return {@code <directory>/%C}, or empty when no private directory could be made
     */
    synchronized Optional<String> controlPath() {
        if (!tried) {
            tried = true;
            directory = create();
        }
        return directory.map(d -> d + "/%C");
    }

    /** The directory, once created. */
    synchronized Optional<Path> directory() {
        return directory;
    }

    /** Deletes the directory and whatever sockets are left in it; later calls make no new one. */
    synchronized void delete() {
        tried = true;
        directory.ifPresent(ControlSockets::deleteRecursively);
        directory = Optional.empty();
    }

    private Optional<Path> create() {
        for (Path base : bases) {
            if (!Files.isDirectory(base) || !fits(base)) {
                continue;
            }
            Optional<Path> made = createUnder(base);
            if (made.isPresent()) {
                log.debug("ssh connection-reuse sockets go to {}", made.get());
                return made;
            }
        }
        log.warn("No private directory for ssh connection-reuse sockets could be created under {}; every "
                + "command opens its own connection", bases);
        return Optional.empty();
    }

    /** A new directory with a short random name (Files.createTempDirectory's are 20 digits long). */
    private static Optional<Path> createUnder(Path base) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Path candidate = base.toAbsolutePath().resolve(PREFIX + randomName());
            try {
                return Optional.of(Files.createDirectory(candidate,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
            } catch (FileAlreadyExistsException e) {
                log.debug("{} exists; trying another name", candidate);
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("Cannot create a socket directory under {}: {}", base, e.toString());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String randomName() {
        StringBuilder name = new StringBuilder(RANDOM_CHARS);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            name.append(Character.forDigit(RANDOM.nextInt(Character.MAX_RADIX), Character.MAX_RADIX));
        }
        return name.toString();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the ssh socket directory {}: {}", directory, e.toString());
        }
    }
}
