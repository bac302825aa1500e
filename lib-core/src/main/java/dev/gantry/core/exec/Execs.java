package dev.gantry.core.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the executors. */
final class Execs {

    private Execs() {}

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }

    static Path absolute(String path) {
        Objects.requireNonNull(path, "path");
        Path result = Path.of(path);
        if (!result.isAbsolute() || result.getParent() == null || result.getFileName() == null) {
            throw new IllegalArgumentException("upload needs an absolute file path, got '" + path + "'");
        }
        return result.normalize();
    }
}
