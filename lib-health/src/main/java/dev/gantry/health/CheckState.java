package dev.gantry.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered check and its history: the latest result, the effective status after rise/fall
 * hysteresis, and whether a run is in flight. Thread-safe: runs finish on worker threads while
 * HTTP threads take snapshots.
 *
 * <p>The first result is taken as it is, so a node that starts synced is ready at once. After
 * that, a change between ready ({@code UP}, {@code DEGRADED}) and not ready ({@code DOWN},
 * {@code UNKNOWN}) needs {@code rise} consecutive ready results or {@code fall} consecutive
 * not-ready results, as HAProxy counts them; a change within one side is immediate.
 */
final class CheckState {

    private static final Logger log = LoggerFactory.getLogger(CheckState.class);

    static final String NOT_RUN = "HEALTH-NOT-RUN";
    static final String STALE = "HEALTH-STALE";

    private final String name;
    private final CheckGroup group;
    private final HealthCheck check;
    private final int rise;
    private final int fall;

    private CheckResult result = CheckResult.unknown("the check has not run yet").withReason(NOT_RUN);
    private Status effective = Status.UNKNOWN;
    private Instant checkedAt;
    private Duration duration = Duration.ZERO;
    private Instant since;
    private long transitions;
    private int streak;
    private boolean running;

    CheckState(String name, CheckGroup group, HealthCheck check, int rise, int fall, Instant createdAt) {
        this.name = name;
        this.group = group;
        this.check = check;
        this.rise = rise;
        this.fall = fall;
        this.since = createdAt;
    }

    String name() {
        return name;
    }

    HealthCheck check() {
        return check;
    }

    /** Marks a run as started, unless one is still in flight. */
    synchronized boolean tryStart() {
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    /** Marks the check's code as returned (it may return long after its timeout). */
    synchronized void returned() {
        running = false;
    }

    synchronized boolean running() {
        return running;
    }

    /** Records a result and applies the hysteresis. */
    synchronized void record(CheckResult latest, Instant at, Duration took) {
        result = latest;
        duration = took;
        boolean first = checkedAt == null;
        checkedAt = at;
        if (first || latest.status().isReady() == effective.isReady()) {
            streak = 0;
            change(latest.status(), at);
            return;
        }
        streak++;
        if (streak >= (latest.status().isReady() ? rise : fall)) {
            streak = 0;
            change(latest.status(), at);
        }
    }

    /** The state as served at {@code now}: a result older than {@code maxStaleness} counts as unknown. */
    synchronized CheckSnapshot snapshot(Instant now, Duration maxStaleness) {
        Status status = effective;
        CheckResult shown = result;
        if (checkedAt != null && Duration.between(checkedAt, now).compareTo(maxStaleness) > 0) {
            status = Status.UNKNOWN;
            shown = result.withMessage("no result for " + Duration.between(checkedAt, now).toSeconds()
                    + " s (max staleness " + maxStaleness.toSeconds() + " s): the check is hung or not scheduled")
                    .withReason(STALE);
        }
        return new CheckSnapshot(name, group, status, shown, Optional.ofNullable(checkedAt), duration, since,
                transitions);
    }

    private void change(Status to, Instant at) {
        if (to == effective) {
            return;
        }
        Status from = effective;
        effective = to;
        since = at;
        transitions++;
        String reason = result.reason().orElse("-");
        if (to.isReady() || (!from.isReady() && !reason.startsWith("HEALTH-"))) {
            // Not ready from the start for the check's own reason (a node syncing) is routine; an
            // operator acts on a ready check that turns not ready, or a check that fails or hangs.
            log.info("health check '{}' is {} (was {}): {} {}", name, to, from, reason, result.message());
        } else {
            log.warn("health check '{}' is {} (was {}): {} {}", name, to, from, reason, result.message());
        }
    }
}
