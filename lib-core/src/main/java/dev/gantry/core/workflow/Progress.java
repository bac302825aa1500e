package dev.gantry.core.workflow;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Receives the {@link StepEvent}s of a workflow run, in order, on the thread that runs it.
 *
 * <pre>{@code
 * workflow.run(Progress.console());          // one line per event on System.out
 * List<StepEvent> seen = new ArrayList<>();
 * workflow.run(seen::add);                   // any lambda will do
 * }</pre>
 */
@FunctionalInterface
public interface Progress {

    /**
     * Receives one event; an exception thrown here fails the run.
     *
     * @param event what happened
     */
    void onEvent(StepEvent event);

    /**
     * Returns a progress that prints one plain-text line per event on {@code System.out}.
     *
     * @return the progress
     */
    static Progress console() {
        return console(System.out);
    }

    /**
     * Returns a progress that prints one plain-text line per event on {@code out}.
     *
     * @param out where to print
     * @return the progress
     */
    static Progress console(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return event -> out.println(event.line());
    }

    /**
     * Returns a progress that ignores every event.
     *
     * @return the progress
     */
    static Progress silent() {
        return event -> { };
    }
}
