package dev.gantry.health.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one read of a node and its references showed, together with what the check remembers
 * from earlier reads: everything {@link SyncJudgement} needs to judge, with no clock or state.
 *
 * @param status the node's status
 * @param networkHeight the network height; empty when neither the node nor a reference gives one
 * @param references how many references are configured
 * @param referencesUnavailable how many of them could not be read
 * @param nodeStalled whether the node's height has not advanced for longer than {@code maxStall}
 * @param networkStalled whether a reference was read and every one read has stalled too
 * @param sinceAdvance how long the node's height has not advanced
 * @param lagging the hysteresis verdict on the lag, after this read
 * @param rate blocks per second between the node's last two reads; empty when unknown
 */
record SyncSignals(SyncStatus status, OptionalLong networkHeight, int references, int referencesUnavailable,
        boolean nodeStalled, boolean networkStalled, Duration sinceAdvance, boolean lagging, OptionalDouble rate) {

    /** Checks that every component is present. */
    SyncSignals {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(networkHeight, "networkHeight");
        Objects.requireNonNull(sinceAdvance, "sinceAdvance");
        Objects.requireNonNull(rate, "rate");
    }

    /**
     * Returns the highest of the node's own network height, every reference read and, when there
     * is any of those, the node's height, so that a node ahead of its references has no lag.
     *
     * @param status the node's status
     * @param referenceHeights each reference's height; empty for one that could not be read
     * @return the network height; empty when neither the node nor a reference gives one
     */
    static OptionalLong networkHeight(SyncStatus status, List<OptionalLong> referenceHeights) {
        OptionalLong networkHeight = status.networkHeight();
        for (OptionalLong height : referenceHeights) {
            if (height.isPresent()) {
                networkHeight = max(networkHeight, height.getAsLong());
            }
        }
        return networkHeight.isPresent() ? max(networkHeight, status.height()) : networkHeight;
    }

    /**
     * Returns how far the node is behind the network height.
     *
     * @param status the node's status
     * @param networkHeight the network height, from {@link #networkHeight(SyncStatus, List)}
     * @return the network height minus the node's height; empty when the network height is unknown
     */
    static OptionalLong lag(SyncStatus status, OptionalLong networkHeight) {
        return networkHeight.isPresent()
                ? OptionalLong.of(networkHeight.getAsLong() - status.height())
                : OptionalLong.empty();
    }

    /** Returns how far the node is behind; empty when the network height is unknown. */
    OptionalLong lag() {
        return lag(status, networkHeight);
    }

    /** Returns whether references are configured and none of them could be read. */
    boolean everyReferenceUnavailable() {
        return references > 0 && referencesUnavailable == references;
    }

    private static OptionalLong max(OptionalLong current, long candidate) {
        return current.isPresent() && current.getAsLong() >= candidate ? current : OptionalLong.of(candidate);
    }
}
