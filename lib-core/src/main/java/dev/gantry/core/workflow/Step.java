package dev.gantry.core.workflow;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One idempotent unit of a {@link Workflow}: it knows whether it is already done and how to do
 * it. A workflow skips done steps, so running a workflow again resumes where it stopped.
 *
 * <pre>{@code
 * Step dir = Step.of("create /var/lib/app",
 *         ctx -> ctx.executor().exec(host, List.of("test", "-d", "/var/lib/app"), TIMEOUT).ok(),
 *         ctx -> ctx.executor().exec(host, List.of("mkdir", "-p", "/var/lib/app"), TIMEOUT))
 *     .withRetry(Retry.onTransient(3, Duration.ofSeconds(2)));
 * }</pre>
 *
 * <p>{@link #isDone} must only look, never change anything: dry runs call it. {@link #run} fails
 * by throwing an unchecked exception whose message says why; retries go through {@link #retry()}.
 */
public interface Step {

    /** @return the step's name, unique within its workflow, as shown in plans and progress */
    String name();

    /**
     * @param context the run's context
     * @return whether the step's effect is already in place, so it need not run
     */
    boolean isDone(StepContext context);

    /**
     * Does the step's work.
     *
     * @param context the run's context
     */
    void run(StepContext context);

    /** @return how failures of {@link #isDone} and {@link #run} are retried; {@link Retry#none()} by default */
    default Retry retry() {
        return Retry.none();
    }

    /**
     * @param retry how to retry this step
     * @return a copy of this step with that retry
     */
    default Step withRetry(Retry retry) {
        return new RetryingStep(this, retry);
    }

    /**
     * @param guard a condition checked right before each run of this step
     * @return a copy of this step that fails, without retrying, when the guard is violated
     */
    default Step guardedBy(Guard guard) {
        return new GuardedStep(this, guard);
    }

    /**
     * @param name the step's name
     * @param isDone whether its effect is already in place; must not change anything
     * @param run does the work; throws to fail
     * @return the step
     */
    static Step of(String name, Predicate<StepContext> isDone, Consumer<StepContext> run) {
        return new SimpleStep(name, isDone, run);
    }
}
