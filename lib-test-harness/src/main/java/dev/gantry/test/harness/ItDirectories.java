package dev.gantry.test.harness;

import java.nio.file.Path;

/**
 * Where real processes keep their logs and working directories during a build.
 *
 * <p>maven-failsafe passes {@code gantry.it.logs} and {@code gantry.it.work}; other runs (surefire,
 * an IDE) fall back to {@code target/it-logs} and {@code target/it-work} under {@code user.dir}.
 */
final class ItDirectories {

    static final String LOGS_PROPERTY = "gantry.it.logs";
    static final String WORK_PROPERTY = "gantry.it.work";

    private ItDirectories() {}

    /** The root of every process log; logs stay after the build for diagnosis. */
    static Path logs() {
        return fromProperty(LOGS_PROPERTY, "target/it-logs");
    }

    /** The root of every process's working directory; each is deleted when its process closes. */
    static Path work() {
        return fromProperty(WORK_PROPERTY, "target/it-work");
    }

    private static Path fromProperty(String property, String fallback) {
        String configured = System.getProperty(property, "");
        Path directory = configured.isBlank()
                ? Path.of(System.getProperty("user.dir")).resolve(fallback)
                : Path.of(configured);
        return directory.toAbsolutePath().normalize();
    }
}
