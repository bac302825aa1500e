package dev.gantry.test.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Finds the real programs an integration test needs, and decides what a missing one means.
 *
 * <p>A program is looked up on {@code PATH} first, then in {@code /usr/sbin}, {@code /usr/bin},
 * {@code /sbin} and {@code /usr/local/bin} (daemons such as {@code sshd} live in {@code sbin},
 * which is often not on a build user's {@code PATH}). When it is missing, a local run skips the
 * test (a JUnit assumption), while a CI run ({@code CI=true}, case-insensitive) fails it, so a
 * broken CI image cannot pass by skipping its integration tests.
 *
 * <pre>{@code
 * Path etcd = Programs.require("etcd", "etcd-server");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Programs {

    /** Searched after {@code PATH}, in this order. */
    static final List<Path> FALLBACK_DIRECTORIES =
            List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/usr/local/bin"));

    private Programs() {}

    /**
     * Returns the absolute path of an installed program, or ends the test when it is missing.
     *
     * @param binary the program's file name, such as {@code "etcd"}; no directory part
     * @param debianPackage the Debian package that installs it, such as {@code "etcd-server"}
     * @return the executable file
     * @throws TestAbortedException when the program is missing and {@code CI} is not {@code true}
     * @throws AssertionFailedError when the program is missing and {@code CI=true}
     */
    public static Path require(String binary, String debianPackage) {
        return require(binary, debianPackage, System.getenv());
    }

    /**
     * Looks a program up without judging its absence.
     *
     * @param binary the program's file name; no directory part
     * @return the executable file, or empty when it is not installed
     */
    public static Optional<Path> find(String binary) {
        return find(binary, System.getenv());
    }

    static Path require(String binary, String debianPackage, Map<String, String> environment) {
        Objects.requireNonNull(debianPackage, "debianPackage");
        Optional<Path> found = find(binary, environment);
        if (found.isPresent()) {
            return found.get();
        }
        String message = binary + " not found (PATH, /usr/sbin); install Debian package " + debianPackage
                + ": apt-get install -y " + debianPackage;
        if ("true".equalsIgnoreCase(environment.get("CI"))) {
            throw new AssertionFailedError(message + ". CI=true: missing programs fail the run");
        }
        throw new TestAbortedException(message);
    }

    static Optional<Path> find(String binary, Map<String, String> environment) {
        Objects.requireNonNull(binary, "binary");
        if (binary.isEmpty() || binary.contains("/")) {
            throw new IllegalArgumentException("binary must be a plain file name, got '" + binary + "'");
        }
        return searchDirectories(environment).stream()
                .map(directory -> directory.resolve(binary))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .map(Path::toAbsolutePath)
                .findFirst();
    }

    private static List<Path> searchDirectories(Map<String, String> environment) {
        List<Path> directories = new ArrayList<>();
        for (String entry : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        directories.addAll(FALLBACK_DIRECTORIES);
        return directories;
    }
}
