package dev.gantry.health.sync;

import java.util.OptionalLong;

/**
 * The lagging verdict of one node, kept between reads so that it flips with hysteresis: it turns
 * on when the lag goes above {@code maxLag} and off only when the lag is back at or below
 * {@code resumeLag}; in between, and while the lag is unknown, it keeps its last value.
 *
 * <p>Starts not lagging. Not thread-safe; the owning check synchronizes.
 */
final class LagHysteresis {

    private final long maxLag;
    private final long resumeLag;
    private boolean lagging;

    /**
     * Creates a verdict that is not lagging.
     *
     * @param maxLag the lag above which the node becomes lagging
     * @param resumeLag the lag at or below which it is no longer lagging, at most {@code maxLag}
     */
    LagHysteresis(long maxLag, long resumeLag) {
        this.maxLag = maxLag;
        this.resumeLag = resumeLag;
    }

    /**
     * Updates the verdict with the lag of one read.
     *
     * @param lag the lag read; empty when it is unknown, which keeps the verdict
     * @return whether the node is lagging now
     */
    boolean update(OptionalLong lag) {
        if (lag.isPresent()) {
            long blocks = lag.getAsLong();
            if (!lagging && blocks > maxLag) {
                lagging = true;
            } else if (lagging && blocks <= resumeLag) {
                lagging = false;
            }
        }
        return lagging;
    }
}
