package dev.gantry.core.workflow;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.exec.LocalExecutor;
import dev.gantry.core.workflow.WorkflowResult.Outcome;
import dev.gantry.core.workflow.WorkflowResult.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps run in order, each skipped when it is already done, so running a workflow again resumes
 * after the last step that finished.
 *
 * <pre>{@code
 * Workflow workflow = Workflow.of(writeConfig, startDaemon, checkHealth).withExecutor(ssh);
 * workflow.dryRun().print();                          // what would run, what is done
 * workflow.run(Progress.console()).orThrow();         // run, stop at the first failure
 * }</pre>
 *
 * <p>For each step {@link #run(Progress)} calls {@link Step#isDone}; when it is false it runs the
 * step through a Failsafe retry policy built from {@link Step#retry()} (the {@code isDone} check
 * is retried the same way). The first step that still fails stops the run; the
 * {@link WorkflowResult} says which and why. Events go to the {@link Progress}.
 *
 * <p>Immutable and thread-safe; one workflow may run several times, but not concurrently with
 * itself on the same hosts (steps are not locked).
 */
public final class Workflow {

    private static final Logger log = LoggerFactory.getLogger(Workflow.class);

    private final List<Step> steps;
    private final HostExecutor executor;

    private Workflow(List<Step> steps, HostExecutor executor) {
        this.steps = List.copyOf(steps);
        this.executor = Objects.requireNonNull(executor, "executor");
        Set<String> names = new HashSet<>();
        for (Step step : this.steps) {
            if (!names.add(step.name())) {
                throw new IllegalArgumentException("two steps are named '" + step.name() + "'; step names must be unique");
            }
        }
    }

    /**
     * Creates a workflow of steps run with a {@link LocalExecutor}.
     *
     * @param steps the steps, in run order
     * @return a workflow that runs them with a {@link LocalExecutor}
     */
    public static Workflow of(Step... steps) {
        return of(List.of(steps));
    }

    /**
     * Creates a workflow of steps run with a {@link LocalExecutor}.
     *
     * @param steps the steps, in run order; names must be unique
     * @return a workflow that runs them with a {@link LocalExecutor}
     */
    public static Workflow of(List<Step> steps) {
        return new Workflow(steps, LocalExecutor.ofDefaults());
    }

    /**
     * Returns a copy that reaches hosts through another executor.
     *
     * @param value the executor steps reach hosts through ({@link StepContext#executor()})
     * @return a copy that uses it
     */
    public Workflow withExecutor(HostExecutor value) {
        return new Workflow(steps, value);
    }

    /**
     * Returns a copy with more steps at the end.
     *
     * @param more steps to run after this workflow's
     * @return a copy with the steps appended
     */
    public Workflow then(Step... more) {
        List<Step> all = new ArrayList<>(steps);
        all.addAll(List.of(more));
        return new Workflow(all, executor);
    }

    /**
     * Returns the steps, in run order.
     *
     * @return the steps, in run order
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * Checks every step's {@link Step#isDone} (once, no retries) and runs nothing.
     *
     * @return which steps would run and which are done
     */
    public WorkflowPlan dryRun() {
        StepContext context = new StepContext(executor, true, Progress.silent());
        List<WorkflowPlan.Entry> entries = new ArrayList<>();
        for (Step step : steps) {
            try {
                entries.add(new WorkflowPlan.Entry(step.name(),
                        step.isDone(context) ? WorkflowPlan.State.DONE : WorkflowPlan.State.RUN, ""));
            } catch (RuntimeException e) {
                entries.add(new WorkflowPlan.Entry(step.name(), WorkflowPlan.State.UNKNOWN, describe(e)));
            }
        }
        return new WorkflowPlan(entries);
    }

    /**
     * Returns the result of {@link #run(Progress)} with {@link Progress#silent()}.
     *
     * @return the result of {@link #run(Progress)} with {@link Progress#silent()}
     */
    public WorkflowResult run() {
        return run(Progress.silent());
    }

    /**
     * Runs the steps that are not done, in order, until one fails for good.
     *
     * @param progress receives every step's events
     * @return what happened to each step; never throws for a failed step (see
     *     {@link WorkflowResult#orThrow()})
     */
    public WorkflowResult run(Progress progress) {
        Objects.requireNonNull(progress, "progress");
        StepContext context = new StepContext(executor, false, progress);
        List<StepOutcome> outcomes = new ArrayList<>();
        Throwable failure = null;
        for (Step step : steps) {
            if (failure != null) {
                outcomes.add(new StepOutcome(step.name(), Outcome.NOT_RUN, 0, Duration.ZERO, ""));
                continue;
            }
            Attempt attempt = new Attempt(step, context, progress);
            outcomes.add(attempt.perform());
            failure = attempt.failure;
        }
        return new WorkflowResult(outcomes, failure);
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    @Override
    public String toString() {
        return "Workflow" + steps.stream().map(Step::name).toList();
    }

    /** One step's check and run in one workflow run. */
    private static final class Attempt {

        private final Step step;
        private final StepContext context;
        private final Progress progress;
        private final AtomicInteger attempts = new AtomicInteger();
        private final long start = System.nanoTime();
        private Throwable failure;

        Attempt(Step step, StepContext context, Progress progress) {
            this.step = step;
            this.context = context;
            this.progress = progress;
        }

        StepOutcome perform() {
            try {
                if (withRetry(() -> step.isDone(context))) {
                    log.debug("Step '{}' is done; skipping it", step.name());
                    emit(StepEvent.Kind.SKIPPED, 1, "");
                    return new StepOutcome(step.name(), Outcome.SKIPPED, 0, elapsed(), "");
                }
                attempts.set(0);
                emit(StepEvent.Kind.STARTED, 1, "");
                withRetry(() -> {
                    step.run(context);
                    return true;
                });
                emit(StepEvent.Kind.SUCCEEDED, attempts.get(), "");
                return new StepOutcome(step.name(), Outcome.SUCCEEDED, attempts.get(), elapsed(), "");
            } catch (RuntimeException e) {
                failure = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
                String message = describe(failure);
                log.warn("Step '{}' failed: {}", step.name(), message);
                emit(StepEvent.Kind.FAILED, Math.max(1, attempts.get()), message);
                return new StepOutcome(step.name(), Outcome.FAILED, attempts.get(), elapsed(), message);
            }
        }

        private boolean withRetry(java.util.function.BooleanSupplier action) {
            return Failsafe.with(step.retry().policy(event -> emit(StepEvent.Kind.RETRIED,
                            event.getAttemptCount(), event.getLastException() == null ? "" : describe(event.getLastException()))))
                    .get(() -> {
                        attempts.incrementAndGet();
                        return action.getAsBoolean();
                    });
        }

        private void emit(StepEvent.Kind kind, int attempt, String message) {
            progress.onEvent(new StepEvent(step.name(), kind, Math.max(1, attempt),
                    kind == StepEvent.Kind.STARTED ? Duration.ZERO : elapsed(), message));
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
