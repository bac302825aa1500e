package dev.gantry.core.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * What a command did on a host: its exit code, its output and how long it ran.
 *
 * <p>Output holds no secrets: executors replace the value of every {@code Secret} passed to the
 * command with {@code ****} before building the result.
 *
 * @param exit the exit code; 0 means success
 * @param stdout everything the command wrote to standard output, as UTF-8
 * @param stderr everything it wrote to standard error, as UTF-8
 * @param duration how long it ran
 */
public record ExecResult(int exit, String stdout, String stderr, Duration duration) {

    /** Checks that no field is null. */
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Returns whether the exit code is 0.
     *
     * @return whether the exit code is 0
     */
    public boolean ok() {
        return exit == 0;
    }
}
