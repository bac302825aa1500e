package dev.gantry.health;

/**
 * One health check: a node's sync state, a dependency, a disk.
 *
 * <p>Implementations should return {@link CheckResult#down(String)} rather than throw, and need
 * not enforce their own timeout: the service that schedules checks treats a thrown exception
 * as {@link Status#DOWN} and stops waiting at the check's deadline. A check is called from one
 * thread at a time, but not always the same thread.
 *
 * <pre>{@code
 * HealthCheck disk = () -> dataDir.toFile().getUsableSpace() > minFree
 *         ? CheckResult.up()
 *         : CheckResult.down("less than " + minFree + " free on " + dataDir).withReason("DISK-LOW");
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Runs the check once.
     *
     * @return the result; never {@code null}
     */
    CheckResult check();
}
