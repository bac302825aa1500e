package dev.gantry.core.workflow;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.StepFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Workflow#run} did: every step's outcome and, when it stopped early, which step
 * failed and why.
 *
 * <pre>{@code
 * WorkflowResult result = workflow.run(Progress.console());
 * result.failedStep();        // Optional[start etcd e2]
 * result.orThrow();           // throws StepFailedException: step 'start etcd e2' failed: ...
 * result.report().and(raidReport).toJUnitXml();   // one finding per step, beside other checks
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowResult {

    /** The code of a step that ran and succeeded (PASS). */
    public static final String STEP_DONE = "WORKFLOW-STEP-DONE";
    /** The code of a step skipped because it was already done (PASS). */
    public static final String STEP_SKIPPED = "WORKFLOW-STEP-SKIPPED";
    /** The code of the step that failed (FAIL). */
    public static final String STEP_FAILED = "WORKFLOW-STEP-FAILED";
    /** The code of a step not reached because an earlier one failed (INFO). */
    public static final String STEP_NOT_RUN = "WORKFLOW-STEP-NOT-RUN";

    /** What happened to one step. */
    public enum Outcome {
        /** It was already done. */
        SKIPPED,
        /** It ran and succeeded. */
        SUCCEEDED,
        /** It failed; the workflow stopped here. */
        FAILED,
        /** An earlier step failed, so it was not reached. */
        NOT_RUN
    }

    /**
     * One step's outcome.
     *
     * @param step the step's name
     * @param outcome what happened
     * @param attempts how many times it ran; 0 when skipped or not reached
     * @param duration time spent on it, including its {@code isDone} check
     * @param message the failure's message for {@link Outcome#FAILED}; else empty
     */
    public record StepOutcome(String step, Outcome outcome, int attempts, Duration duration, String message) {

        /** Checks that no field is null. */
        public StepOutcome {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<StepOutcome> steps;
    private final Throwable failure;

    WorkflowResult(List<StepOutcome> steps, Throwable failure) {
        this.steps = List.copyOf(steps);
        this.failure = failure;
    }

    /**
     * Returns every step's outcome, in workflow order.
     *
     * @return every step's outcome, in workflow order
     */
    public List<StepOutcome> steps() {
        return steps;
    }

    /**
     * Tells whether no step failed.
     *
     * @return whether no step failed
     */
    public boolean ok() {
        return failedStep().isEmpty();
    }

    /**
     * Returns the name of the step that failed, or empty.
     *
     * @return the name of the step that failed, or empty
     */
    public Optional<String> failedStep() {
        return failed().map(StepOutcome::step);
    }

    /**
     * Returns why the failed step failed, or empty.
     *
     * @return why the failed step failed, or empty
     */
    public Optional<String> failureMessage() {
        return failed().map(StepOutcome::message);
    }

    /**
     * Returns the names of the steps that ran and succeeded.
     *
     * @return the names of the steps that ran and succeeded
     */
    public List<String> ran() {
        return names(Outcome.SUCCEEDED);
    }

    /**
     * Returns the names of the steps skipped as already done.
     *
     * @return the names of the steps skipped as already done
     */
    public List<String> skipped() {
        return names(Outcome.SKIPPED);
    }

    /**
     * Returns the names of the steps not reached because an earlier one failed.
     *
     * @return the names of the steps not reached because an earlier one failed
     */
    public List<String> notRun() {
        return names(Outcome.NOT_RUN);
    }

    /**
     * Returns this result when no step failed, and throws otherwise.
     *
     * @return this result when no step failed
     * @throws StepFailedException naming the failed step, with its failure as the cause
     */
    public WorkflowResult orThrow() {
        Optional<StepOutcome> failed = failed();
        if (failed.isPresent()) {
            throw new StepFailedException(failed.get().step(), failed.get().message(), failure);
        }
        return this;
    }

    /**
     * Returns the result as a report titled {@code workflow}, one finding per step in order, the
     * step's name as the subject: {@link #STEP_DONE} and {@link #STEP_SKIPPED} are PASS, {@link
     * #STEP_FAILED} is FAIL with the cause as the message, {@link #STEP_NOT_RUN} is INFO.
     *
     * @return the report
     */
    public Report report() {
        return Report.of(steps.stream().map(WorkflowResult::finding).toList()).withTitle("workflow");
    }

    private static Finding finding(StepOutcome step) {
        return switch (step.outcome()) {
            case SUCCEEDED -> Finding.pass(STEP_DONE, step.step(), "ran in " + seconds(step.duration())
                    + (step.attempts() > 1 ? " (" + step.attempts() + " attempts)" : ""));
            case SKIPPED -> Finding.pass(STEP_SKIPPED, step.step(), "already done; skipped");
            case FAILED -> Finding.fail(STEP_FAILED, step.step(), step.message().isBlank() ? "failed" : step.message(),
                    "fix the cause and run the workflow again; it resumes at this step");
            case NOT_RUN -> Finding.info(STEP_NOT_RUN, step.step(), "not reached: an earlier step failed");
        };
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    /**
     * Prints {@link #toString()} on {@code System.out}.
     *
     * @return this result, for chaining in runbooks
     */
    public WorkflowResult print() {
        System.out.println(this);
        return this;
    }

    /**
     * Returns a summary line and one line per step.
     *
     * @return a summary line and one line per step
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(ok() ? "Workflow succeeded" : "Workflow FAILED at " + failedStep().get())
                .append(": ").append(ran().size()).append(" ran, ").append(skipped().size()).append(" skipped");
        if (!notRun().isEmpty()) {
            text.append(", ").append(notRun().size()).append(" not run");
        }
        for (StepOutcome step : steps) {
            text.append("\n  ").append(String.format("%-9s %s", step.outcome().name().toLowerCase(Locale.ROOT),
                    step.step()));
            if (!step.message().isEmpty()) {
                text.append(": ").append(step.message());
            }
        }
        return text.toString();
    }

    private Optional<StepOutcome> failed() {
        return steps.stream().filter(s -> s.outcome() == Outcome.FAILED).findFirst();
    }

    private List<String> names(Outcome outcome) {
        return steps.stream().filter(s -> s.outcome() == outcome).map(StepOutcome::step).toList();
    }
}
