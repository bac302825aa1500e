package dev.gantry.health;

import dev.gantry.core.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One check's state at the moment a {@link HealthSnapshot} was taken.
 *
 * <p>{@code status} is the effective status after rise/fall hysteresis and the staleness rule;
 * {@code result} is the latest raw result, whose details (height, lag, ...) are current even
 * while hysteresis holds the status. Immutable.
 *
 * @param name the check's name
 * @param group readiness or liveness
 * @param status the effective status
 * @param result the latest result the check returned (or the timeout or failure it turned into)
 * @param checkedAt when the latest result was recorded; empty before the first run
 * @param duration how long the latest run took
 * @param since when the effective status last changed
 * @param transitions how many times the effective status changed
 */
public record CheckSnapshot(String name, CheckGroup group, Status status, CheckResult result,
        Optional<Instant> checkedAt, Duration duration, Instant since, long transitions) {

    /** Validates the fields. */
    public CheckSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(since, "since");
    }

    /**
     * Turns this check's effective state into a core {@link Finding} about the check, as {@link
     * CheckResult#toFinding(String)} does for the latest result. While rise/fall hysteresis holds
     * the effective status apart from the latest run's, the finding follows the effective status,
     * its code is {@code HEALTH-<STATUS>} and the message names the latest run's status, reason
     * and message.
     *
     * @return the finding, subject the check's name
     */
    public Finding toFinding() {
        if (status == result.status()) {
            return result.toFinding(name);
        }
        String latest = "latest run " + result.status() + result.reason().map(code -> " " + code).orElse("") + ": "
                + result.message() + " (" + status + " held by rise/fall hysteresis)";
        return new CheckResult(status, latest, Map.of()).toFinding(name);
    }
}
