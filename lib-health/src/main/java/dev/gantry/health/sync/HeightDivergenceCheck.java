package dev.gantry.health.sync;

import dev.gantry.core.internal.Checks;
import dev.gantry.health.CheckResult;
import dev.gantry.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether two services that follow the same chain agree on its height, e.g. a wallet service
 * and the full node it reads from: DOWN when their heights are more than {@code maxDiff} apart.
 *
 * <pre>{@code
 * HealthCheck inSync = HeightDivergenceCheck.of(walletService, fullNode, 3)
 *         .withMaxAge(Duration.ofMinutes(20));   // also alert when neither moves for 20 min
 * }</pre>
 *
 * <p>Each {@link #check()} reads {@code a}, then {@code b}, each bounded by its own endpoint
 * timeout, and gives the first result that applies:
 *
 * <table>
 *   <caption>Reason codes, in the order they are judged</caption>
 *   <tr><th>reason</th><th>status</th><th>when</th></tr>
 *   <tr><td>{@value SyncCheck#SOURCE_DOWN}</td><td>DOWN</td><td>{@code a}, {@code b} or both
 *       cannot be read; the message and the {@value #UNAVAILABLE} detail name the side</td></tr>
 *   <tr><td>{@value #DIVERGED}</td><td>DOWN</td><td>{@code |a - b| > maxDiff}</td></tr>
 *   <tr><td>{@value SyncCheck#STALLED}</td><td>DOWN</td><td>only with {@link #withMaxAge(Duration)}:
 *       a side's height has not changed for longer than the maximum age, as timed by this
 *       check's clock since it first read that side</td></tr>
 *   <tr><td>{@value SyncCheck#OK}</td><td>UP</td><td>none of the above</td></tr>
 * </table>
 *
 * <p>Details: {@value #HEIGHT_A}, {@value #HEIGHT_B} (each when read) and {@value #DIFFERENCE}
 * ({@code |a - b|}, when both were read).
 *
 * <p>Thread-safe. Without a maximum age the check keeps no state; with one it remembers when
 * each side's height last rose, and {@link #check()} is synchronized. The {@code with…} methods
 * return new checks with fresh state.
 */
public final class HeightDivergenceCheck implements HealthCheck {

    /** Reason code: the two heights are further apart than allowed. */
    public static final String DIVERGED = "SYNC-DIVERGED";
    /** Detail key of the height of {@code a}. */
    public static final String HEIGHT_A = "heightA";
    /** Detail key of the height of {@code b}. */
    public static final String HEIGHT_B = "heightB";
    /** Detail key of {@code |a - b|}. */
    public static final String DIFFERENCE = "difference";
    /** Detail key of the side that could not be read: {@code a}, {@code b} or {@code a,b}. */
    public static final String UNAVAILABLE = "unavailable";

    private final SyncSource a;
    private final SyncSource b;
    private final long maxDiff;
    private final Optional<Duration> maxAge;
    private final Clock clock;

    // State, guarded by this.
    private final HeightProgress progressA = new HeightProgress();
    private final HeightProgress progressB = new HeightProgress();

    private HeightDivergenceCheck(SyncSource a, SyncSource b, long maxDiff, Optional<Duration> maxAge, Clock clock) {
        this.a = a;
        this.b = b;
        this.maxDiff = maxDiff;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * A check that two sources stay within {@code maxDiff} blocks of each other, with no
     * maximum age and a clock that ignores changes of the system clock.
     *
     * @param a one source, e.g. the wallet service
     * @param b the other source, e.g. the full node
     * @param maxDiff the largest difference that is still UP, {@code >= 0}
     * @return the check
     * @throws NullPointerException if {@code a} or {@code b} is null
     * @throws IllegalArgumentException if {@code maxDiff} is negative
     */
    public static HeightDivergenceCheck of(SyncSource a, SyncSource b, long maxDiff) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (maxDiff < 0) {
            throw new IllegalArgumentException("maxDiff must be >= 0 but was " + maxDiff);
        }
        return new HeightDivergenceCheck(a, b, maxDiff, Optional.empty(), new MonotonicClock());
    }

    /**
     * Returns a new check with this clock and fresh state.
     *
     * @param value the clock that times the maximum age
     * @return a new check with this clock and fresh state
     * @throws NullPointerException if {@code value} is null
     */
    public HeightDivergenceCheck withClock(Clock value) {
        return new HeightDivergenceCheck(a, b, maxDiff, maxAge, Objects.requireNonNull(value, "clock"));
    }

    /**
     * Also fails when either side's height stays unchanged for longer than {@code value}
     * ({@value SyncCheck#STALLED}), which catches both sides stuck at the same height. Off by
     * default. Choose it like {@code SyncCheck}'s {@code maxStall}: several block intervals.
     *
     * @param value the longest a height may stay unchanged, positive
     * @return a new check with this maximum age and fresh state
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public HeightDivergenceCheck withMaxAge(Duration value) {
        return new HeightDivergenceCheck(a, b, maxDiff, Optional.of(Checks.positive(value, "maxAge")), clock);
    }

    /** Returns the first source. */
    public SyncSource a() {
        return a;
    }

    /** Returns the second source. */
    public SyncSource b() {
        return b;
    }

    /** Returns the largest difference that is still UP. */
    public long maxDiff() {
        return maxDiff;
    }

    /** Returns the longest a height may stay unchanged; empty when not judged. */
    public Optional<Duration> maxAge() {
        return maxAge;
    }

    /**
     * Reads both sources once and compares their heights.
     *
     * @return the result; never throws, a failed read becomes {@value SyncCheck#SOURCE_DOWN}
     */
    @Override
    public synchronized CheckResult check() {
        Side sideA = read("a", a);
        Side sideB = read("b", b);
        if (sideA.error().isPresent() || sideB.error().isPresent()) {
            return sourceDown(sideA, sideB);
        }
        long heightA = sideA.height();
        long heightB = sideB.height();
        long difference = Math.abs(heightA - heightB);
        CheckResult result = judge(heightA, heightB, difference, clock.instant());
        return result.withDetail(HEIGHT_A, heightA).withDetail(HEIGHT_B, heightB).withDetail(DIFFERENCE, difference);
    }

    /** Returns the sources and limits, for logs and JShell. */
    @Override
    public String toString() {
        return "HeightDivergenceCheck[a=" + a.name() + ", b=" + b.name() + ", maxDiff=" + maxDiff + ", maxAge="
                + maxAge.map(Duration::toString).orElse("off") + "]";
    }

    private CheckResult judge(long heightA, long heightB, long difference, Instant now) {
        progressA.observe(heightA, now);
        progressB.observe(heightB, now);
        if (difference > maxDiff) {
            SyncSource behind = heightA < heightB ? a : b;
            SyncSource ahead = behind == a ? b : a;
            String message = behind.name() + " at " + Math.min(heightA, heightB) + " is "
                    + SyncCheck.blocks(difference) + " behind " + ahead.name() + " at " + Math.max(heightA, heightB) + " (max " + maxDiff + ")";
            return CheckResult.down(message).withReason(DIVERGED);
        }
        if (maxAge.isPresent()) {
            List<String> stalled = new ArrayList<>();
            if (progressA.stalled(maxAge.get(), now)) {
                stalled.add(a.name() + " has stayed at " + heightA + " for "
                        + progressA.sinceAdvance(now).orElseThrow().toSeconds() + " s");
            }
            if (progressB.stalled(maxAge.get(), now)) {
                stalled.add(b.name() + " has stayed at " + heightB + " for "
                        + progressB.sinceAdvance(now).orElseThrow().toSeconds() + " s");
            }
            if (!stalled.isEmpty()) {
                String message = String.join("; ", stalled) + " (max " + maxAge.get().toSeconds() + " s)";
                return CheckResult.down(message).withReason(SyncCheck.STALLED);
            }
        }
        return CheckResult.up(a.name() + " at " + heightA + ", " + b.name() + " at " + heightB + ": " + difference
                + " apart (max " + maxDiff + ")").withReason(SyncCheck.OK);
    }

    private static Side read(String label, SyncSource source) {
        try {
            return new Side(label, source.read().height(), Optional.empty());
        } catch (RuntimeException e) {
            return new Side(label, -1, Optional.of(SyncCheck.problem(e)));
        }
    }

    private static CheckResult sourceDown(Side sideA, Side sideB) {
        List<String> labels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        CheckResult result = CheckResult.down("").withReason(SyncCheck.SOURCE_DOWN);
        for (Side side : List.of(sideA, sideB)) {
            if (side.error().isPresent()) {
                labels.add(side.label());
                problems.add(side.label() + " unreachable: " + side.error().get());
            } else {
                result = result.withDetail(side.label().equals("a") ? HEIGHT_A : HEIGHT_B, side.height());
            }
        }
        return result.withDetail(UNAVAILABLE, String.join(",", labels))
                .withMessage(SyncCheck.shortened(String.join("; ", problems)));
    }

    /** One side's read: its height, or why it could not be read. */
    private record Side(String label, long height, Optional<String> error) {
    }
}
