package dev.gantry.health.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one source's height moves across successive reads, timed by the reader's clock: when it
 * last advanced, and how fast it moved between the last two reads.
 *
 * <p>Only local observation times count, never block timestamps, which can be hours off
 * (Bitcoin accepts headers up to two hours ahead) and depend on the node's clock. A height that
 * goes down (a reorg, a node restored from an older snapshot) is remembered but is not progress:
 * the stall timer restarts only when the height rises above the previous read.
 *
 * <p>Not thread-safe; the owning check synchronizes.
 */
final class HeightProgress {

    private boolean seen;
    private long height;
    private Instant readAt;
    private Instant advancedAt;
    private double rate = Double.NaN;

    /**
     * Records one read.
     *
     * @param newHeight the height read
     * @param at when it was read, by the check's clock
     */
    void observe(long newHeight, Instant at) {
        if (!seen) {
            seen = true;
            height = newHeight;
            readAt = at;
            advancedAt = at;
            return;
        }
        double seconds = seconds(Duration.between(readAt, at));
        rate = newHeight > height && seconds > 0 ? (newHeight - height) / seconds : Double.NaN;
        if (newHeight > height) {
            advancedAt = at;
        }
        height = newHeight;
        readAt = at;
    }

    /**
     * Returns how long the height has not advanced, never negative; empty before the first read. Until the height has advanced once, this counts from the first read.
     *
     * @param now the current time by the check's clock
     * @return how long the height has not advanced, never negative; empty before the first read.
     *     Until the height has advanced once, this counts from the first read.
     */
    Optional<Duration> sinceAdvance(Instant now) {
        if (!seen) {
            return Optional.empty();
        }
        Duration since = Duration.between(advancedAt, now);
        return Optional.of(since.isNegative() ? Duration.ZERO : since);
    }

    /**
     * Returns whether the height has not advanced for longer than {@code maxStall}.
     *
     * @param maxStall the longest the height may stay put
     * @param now the current time by the check's clock
     * @return whether the height has not advanced for longer than {@code maxStall}
     */
    boolean stalled(Duration maxStall, Instant now) {
        return sinceAdvance(now).map(since -> since.compareTo(maxStall) > 0).orElse(false);
    }

    /**
     * Sets the value.
     *
     * @return blocks per second between the last two reads, when the height rose between them
     *     and time passed; empty otherwise
     */
    OptionalDouble rate() {
        return Double.isNaN(rate) ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
