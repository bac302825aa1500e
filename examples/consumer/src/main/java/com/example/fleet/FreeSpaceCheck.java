package com.example.fleet;

import dev.gantry.health.CheckResult;
import dev.gantry.health.HealthCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A custom health check: ready while the file system of a data directory has at least a given
 * number of bytes free. It returns a result rather than throwing; the health service turns an
 * exception into DOWN anyway.
 *
 * @param dataDir the directory whose file system is checked
 * @param minFreeBytes the least free space that still counts as healthy
 */
public record FreeSpaceCheck(Path dataDir, long minFreeBytes) implements HealthCheck {

    /** Validates the fields. */
    public FreeSpaceCheck {
        Objects.requireNonNull(dataDir, "dataDir");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must be 0 or more but was " + minFreeBytes);
        }
    }

    @Override
    public CheckResult check() {
        long free = usableSpace();
        CheckResult result = free >= minFreeBytes
                ? CheckResult.up(free + " bytes free on " + dataDir)
                : CheckResult.down("only " + free + " bytes free on " + dataDir + ", less than " + minFreeBytes)
                        .withReason("DISK-LOW");
        return result.withDetail("freeBytes", free);
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + dataDir, e);
        }
    }
}
