package dev.gantry.health.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that never jumps: it starts at the wall-clock time of its creation and then moves with
 * {@link System#nanoTime()}, so an NTP step or a manual change of the system clock cannot make a
 * node look stalled or reset its stall timer.
 *
 * <p>The default clock of the sync checks, which only measure elapsed time. Thread-safe.
 */
final class MonotonicClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final ZoneId zone;

    MonotonicClock() {
        this(Instant.now(), System.nanoTime(), ZoneOffset.UTC);
    }

    private MonotonicClock(Instant origin, long originNanos, ZoneId zone) {
        this.origin = origin;
        this.originNanos = originNanos;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MonotonicClock(origin, originNanos, Objects.requireNonNull(newZone, "newZone"));
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }
}
