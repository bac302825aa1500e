package dev.gantry.core.workflow;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Workflow#run} would do now: for each step, whether it is already done, would run,
 * or could not be checked. The result of {@link Workflow#dryRun()}.
 *
 * <pre>{@code
 * workflow.dryRun().print();
 * // Plan: 2 to run, 1 done
 * //   done   write /etc/app.conf
 * //   run    start app
 * //   run    check app health
 * }</pre>
 *
 * @param entries one entry per step, in run order
 */
public record WorkflowPlan(List<Entry> entries) {

    /** What would happen to a step. */
    public enum State {
        /** Already done; would be skipped. */
        DONE,
        /** Not done; would run. */
        RUN,
        /** Its {@code isDone} check failed; the run would try it and may fail there. */
        UNKNOWN
    }

    /**
     * One step of the plan.
     *
     * @param step the step's name
     * @param state what would happen to it
     * @param note why the check failed, for {@link State#UNKNOWN}; else empty
     */
    public record Entry(String step, State state, String note) {

        /** Checks that no field is null. */
        public Entry {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(note, "note");
        }
    }

    /** Copies the entries. */
    public WorkflowPlan {
        entries = List.copyOf(entries);
    }

    /**
     * Returns the names of the steps that would run (including unknown ones), in order.
     *
     * @return the names of the steps that would run (including unknown ones), in order
     */
    public List<String> toRun() {
        return entries.stream().filter(e -> e.state() != State.DONE).map(Entry::step).toList();
    }

    /**
     * Returns the names of the steps that are done, in order.
     *
     * @return the names of the steps that are done, in order
     */
    public List<String> done() {
        return entries.stream().filter(e -> e.state() == State.DONE).map(Entry::step).toList();
    }

    /**
     * Tells whether every step is done, so a run would change nothing.
     *
     * @return whether every step is done, so a run would change nothing
     */
    public boolean upToDate() {
        return toRun().isEmpty();
    }

    /**
     * Prints {@link #toString()} on {@code System.out}.
     *
     * @return this plan, for chaining in runbooks
     */
    public WorkflowPlan print() {
        System.out.println(this);
        return this;
    }

    /**
     * Returns a heading line and one line per step.
     *
     * @return a heading line and one line per step
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Plan: " + toRun().size() + " to run, " + done().size() + " done");
        for (Entry entry : entries) {
            text.append("\n  ").append(String.format("%-6s %s", entry.state().name().toLowerCase(java.util.Locale.ROOT),
                    entry.step()));
            if (!entry.note().isEmpty()) {
                text.append(" (check failed: ").append(entry.note()).append(')');
            }
        }
        return text.toString();
    }
}
