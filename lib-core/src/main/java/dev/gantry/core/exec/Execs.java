package dev.gantry.core.exec;

import dev.gantry.core.internal.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the executors. */
final class Execs {

    private Execs() {}

    static Duration checkTimeout(Duration timeout) {
        return Checks.positive(timeout, "timeout");
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
