package dev.gantry.health;

/**
 * The state of one health check, and of a node as a whole.
 *
 * <p>Readiness (may a load balancer route to this node?) is a function of the status:
 * {@link #UP} and {@link #DEGRADED} are ready, {@link #DOWN} and {@link #UNKNOWN} are not.
 * {@code DEGRADED} exists for the fail-open case: a check that cannot judge (every reference
 * node unavailable, the whole network stalled) says so without draining every node at once.
 */
public enum Status {
    /** Healthy and ready for traffic. */
    UP,
    /** Ready for traffic, with a problem worth a warning. */
    DEGRADED,
    /** Not ready: syncing, lagging, stalled, failing or timed out. */
    DOWN,
    /** No result yet, e.g. before a check has run for the first time. Not ready. */
    UNKNOWN;

    /**
     * Whether a node in this status should receive traffic.
     *
     * @return {@code true} for {@link #UP} and {@link #DEGRADED}
     */
    public boolean isReady() {
        return this == UP || this == DEGRADED;
    }
}
