package dev.gantry.test.harness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that stands still until the test moves it with {@link #advance(Duration)}.
 * Thread-safe.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
 * clock.advance(Duration.ofSeconds(30));
 * }</pre>
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /**
     * Creates a clock that shows {@code start} until moved.
     *
     * @param start the instant the clock shows until moved
     */
    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Creates a clock at 2025-01-01T00:00:00Z. */
    public MutableClock() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far; zero or positive
     */
    public synchronized void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, got " + step);
        }
        now = now.plus(step);
    }

    /**
     * Moves the clock forward by whole seconds.
     *
     * @param seconds how many seconds; zero or positive
     */
    public void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Refuses: the clock is always UTC.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is always UTC; convert the instant instead");
    }
}
