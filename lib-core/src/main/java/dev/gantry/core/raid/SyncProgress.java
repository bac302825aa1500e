package dev.gantry.core.raid;

import java.util.Objects;

/**
 * A resync, recovery, check or reshape running (or waiting) on an array.
 *
 * @param action what runs, as the source names it: {@code resync}, {@code recovery},
 *     {@code check}, {@code repair}, {@code reshape}
 * @param state {@code running}, or {@code DELAYED}, {@code PENDING} or {@code REMOTE} when it waits
 * @param percent how far it is, 0 to 100, or -1 when not known (e.g. while it waits)
 */
public record SyncProgress(String action, String state, double percent) {

    /** Checks the fields. */
    public SyncProgress {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        if (percent != -1 && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException(action + " progress must be 0..100 or -1 but was " + percent);
        }
    }

    /**
     * A running sync at a percentage.
     *
     * @param action what runs
     * @param percent how far it is
     * @return a running sync
     */
    public static SyncProgress running(String action, double percent) {
        return new SyncProgress(action, "running", percent);
    }

    /**
     * Returns whether it is running rather than waiting.
     *
     * @return whether it is running rather than waiting
     */
    public boolean isRunning() {
        return "running".equals(state);
    }
}
