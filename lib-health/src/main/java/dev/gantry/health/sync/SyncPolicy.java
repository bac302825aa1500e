package dev.gantry.health.sync;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The thresholds a {@link SyncCheck} judges by, with the defaults already applied.
 *
 * @param maxLag the lag above which the node becomes not ready
 * @param resumeLag the lag at or below which a lagging node is ready again, at most {@code maxLag}
 * @param maxStall the longest the height may stay put; empty when stall detection is off
 * @param minPeers the fewest peers a ready node has; 0 when peers are not judged
 */
record SyncPolicy(long maxLag, long resumeLag, Optional<Duration> maxStall, int minPeers) {

    /** How far behind one minute of blocks is: the default {@code maxLag} spans it. */
    private static final Duration LAG_WINDOW = Duration.ofMinutes(1);

    /**
     * Derives the effective thresholds from a builder's settings.
     *
     * @param maxLag the configured {@code maxLag}; empty for the default
     * @param resumeLag the configured {@code resumeLag}
     * @param expectedBlockInterval the chain's average block interval, when known
     * @param falseAlarmEvery how rarely a false stall alarm is accepted
     * @param maxStall the configured {@code maxStall}; empty to derive it
     * @param minPeers the configured {@code minPeers}
     * @return the policy
     * @throws IllegalStateException if {@code resumeLag} exceeds the effective {@code maxLag}, or
     *     {@code falseAlarmEvery} is not longer than {@code expectedBlockInterval} when
     *     {@code maxStall} is derived from them
     */
    static SyncPolicy derive(OptionalLong maxLag, long resumeLag, Optional<Duration> expectedBlockInterval,
            Duration falseAlarmEvery, Optional<Duration> maxStall, int minPeers) {
        long effectiveMaxLag = maxLag.orElseGet(
                () -> expectedBlockInterval.map(SyncPolicy::defaultMaxLag).orElse(SyncCheck.DEFAULT_MAX_LAG));
        if (resumeLag > effectiveMaxLag) {
            throw new IllegalStateException(
                    "resumeLag (" + resumeLag + ") must be <= maxLag (" + effectiveMaxLag + ")");
        }
        Optional<Duration> effectiveMaxStall = maxStall.isPresent()
                ? maxStall
                : expectedBlockInterval.map(interval -> derivedMaxStall(interval, falseAlarmEvery));
        return new SyncPolicy(effectiveMaxLag, resumeLag, effectiveMaxStall, minPeers);
    }

    /**
     * Returns one minute of blocks and at least {@link SyncCheck#DEFAULT_MAX_LAG}.
     *
     * @param expectedBlockInterval the chain's average block interval
     * @return {@code max(3, ceil(60 s / expectedBlockInterval))}
     */
    static long defaultMaxLag(Duration expectedBlockInterval) {
        double blocksPerWindow = HeightProgress.seconds(LAG_WINDOW) / HeightProgress.seconds(expectedBlockInterval);
        return Math.max(SyncCheck.DEFAULT_MAX_LAG, (long) Math.ceil(blocksPerWindow));
    }

    /**
     * Returns the gap between blocks that a Poisson process exceeds once per {@code falseAlarmEvery}.
     *
     * @param expectedBlockInterval the chain's average block interval
     * @param falseAlarmEvery the accepted time between false stall alarms
     * @return {@code interval · ln(falseAlarmEvery / interval)}, to the millisecond
     * @throws IllegalStateException if {@code falseAlarmEvery} is not longer than the interval
     */
    static Duration derivedMaxStall(Duration expectedBlockInterval, Duration falseAlarmEvery) {
        if (falseAlarmEvery.compareTo(expectedBlockInterval) <= 0) {
            throw new IllegalStateException("falseAlarmEvery (" + falseAlarmEvery
                    + ") must be longer than expectedBlockInterval (" + expectedBlockInterval + ")");
        }
        double interval = HeightProgress.seconds(expectedBlockInterval);
        double millis = interval * Math.log(HeightProgress.seconds(falseAlarmEvery) / interval) * 1000;
        return Duration.ofMillis(Math.round(millis));
    }
}
