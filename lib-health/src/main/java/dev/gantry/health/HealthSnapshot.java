package dev.gantry.health;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a health endpoint serves, taken at one moment: readiness, liveness and each
 * check's state. Reading a snapshot never runs a check. Immutable.
 *
 * @param readiness the worst effective status of the readiness checks ({@link Status#UP} when
 *     there are none)
 * @param liveness {@link Status#DOWN} when the evaluator is wedged or a liveness check is down
 * @param checks every check, in registration order
 * @param takenAt when the snapshot was taken
 */
public record HealthSnapshot(Status readiness, Status liveness, List<CheckSnapshot> checks, Instant takenAt) {

    /** Validates the fields and copies the list. */
    public HealthSnapshot {
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(takenAt, "takenAt");
        checks = List.copyOf(checks);
    }

    /** Returns whether a load balancer should route to this node. */
    public boolean ready() {
        return readiness.isReady();
    }

    /** Returns whether the process is alive (it may still be syncing). */
    public boolean live() {
        return liveness.isReady();
    }

    /**
     * Returns that check's state, if there is such a check.
     *
     * @param name a check's name
     * @return that check's state, if there is such a check
     */
    public Optional<CheckSnapshot> check(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst();
    }

    /**
     * Returns the checks of that group, in registration order.
     *
     * @param group readiness or liveness
     * @return the checks of that group, in registration order
     */
    public List<CheckSnapshot> checks(CheckGroup group) {
        return checks.stream().filter(check -> check.group() == group).toList();
    }

    /**
     * Turns the snapshot into a core {@link Report} for people and CI: one finding per check
     * ({@link CheckSnapshot#toFinding()}, subject the check's name), plus a {@code FAIL
     * HEALTH-EVALUATOR-STUCK} when liveness is down although no liveness check is. Titled like
     * {@code health: ready (readiness UP, liveness UP)}.
     *
     * <pre>{@code
     * health.refreshNow().report().print().orThrow();
     * }</pre>
     *
     * @return the report; without findings when no check is registered
     */
    public Report report() {
        List<Finding> findings = new ArrayList<>();
        checks.forEach(check -> findings.add(check.toFinding()));
        boolean livenessCheckDown = checks(CheckGroup.LIVENESS).stream().anyMatch(c -> c.status() == Status.DOWN);
        if (liveness == Status.DOWN && !livenessCheckDown) {
            findings.add(Finding.fail(HealthEndpoint.EVALUATOR_STUCK, "health service",
                    "the evaluator has stopped running checks (or the service is closed)",
                    "start the HealthService, or look for a wedged scheduler in a thread dump"));
        }
        return Report.of(findings).withTitle("health: " + (ready() ? "ready" : "not ready") + " (readiness "
                + readiness + ", liveness " + liveness + ")");
    }

    /**
     * The worst of a group's effective statuses: {@code DOWN}, then {@code UNKNOWN}, then
     * {@code DEGRADED}, then {@code UP}; {@code UP} for no checks.
     *
     * @param statuses the statuses to combine
     * @return the combined status
     */
    static Status worst(List<Status> statuses) {
        if (statuses.contains(Status.DOWN)) {
            return Status.DOWN;
        }
        if (statuses.contains(Status.UNKNOWN)) {
            return Status.UNKNOWN;
        }
        return statuses.contains(Status.DEGRADED) ? Status.DEGRADED : Status.UP;
    }
}
