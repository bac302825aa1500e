package dev.gantry.core.workflow;

import java.util.List;
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
 *     .withRetry(Retry.when(3, Duration.ofSeconds(2), failure -> true));
 * }</pre>
 *
 * <p>{@link #isDone} must only look, never change anything: dry runs call it. {@link #run} fails
 * by throwing an unchecked exception whose message says why; retries go through {@link #retry()}.
 */
public interface Step {

    /**
     * Returns the step's name, unique within its workflow, as shown in plans and progress.
     *
     * @return the name
     */
    String name();

    /**
     * Tells whether the step's effect is already in place, so it need not run; only looks.
     *
     * @param context the run's context
     * @return whether the step is done
     */
    boolean isDone(StepContext context);

    /**
     * Does the step's work.
     *
     * @param context the run's context
     */
    void run(StepContext context);

    /**
     * Returns how failures of {@link #isDone} and {@link #run} are retried; {@link Retry#none()} by default.
     *
     * @return the retry
     */
    default Retry retry() {
        return Retry.none();
    }

    /**
     * Returns a copy of this step with another retry.
     *
     * @param retry how to retry this step
     * @return the copy
     */
    default Step withRetry(Retry retry) {
        return ComposedStep.of(this).withRetry(retry);
    }

    /**
     * Returns a copy of this step that checks one more guard right before each run, and fails
     * without retrying when it is violated. Guards are checked in the order they were added.
     *
     * @param guard a condition checked right before each run of this step
     * @return the copy
     */
    default Step guardedBy(Guard guard) {
        return ComposedStep.of(this).guardedBy(guard);
    }

    /**
     * Creates a step from two lambdas, without retry or guards.
     *
     * @param name the step's name
     * @param isDone whether its effect is already in place; must not change anything
     * @param run does the work; throws to fail
     * @return the step
     */
    static Step of(String name, Predicate<StepContext> isDone, Consumer<StepContext> run) {
        return new ComposedStep(name, isDone, run, Retry.none(), List.of());
    }
}
