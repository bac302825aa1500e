package dev.gantry.health;

/**
 * Which question a check answers.
 *
 * <p>Readiness (may a load balancer route here?) may depend on sync state, peers and
 * dependencies. Liveness (should the process be restarted?) must not: a node that is only
 * catching up must never be restarted for it, so sync checks belong in {@link #READINESS}.
 */
public enum CheckGroup {
    /** Served on {@code /healthcheck} and {@code /readyz}. */
    READINESS,
    /** Served on {@code /livez}, together with the evaluator's own watchdog. */
    LIVENESS
}
