package dev.gantry.core.workflow;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Receives the {@link StepEvent}s of a workflow run, in order, on the thread that runs it.
 *
 * <pre>{@code
 * workflow.run(Progress.console());          // one line per event on System.out
 * CollectingProgress seen = Progress.collecting();
 * workflow.run(seen);
 * seen.kinds();                              // [STARTED, SUCCEEDED, SKIPPED, ...]
 * }</pre>
 */
@FunctionalInterface
public interface Progress {

    /**
     * Called for each event; an exception thrown here fails the run.
     *
     * @param event what happened
     */
    void onEvent(StepEvent event);

    /** @return a progress that prints one plain-text line per event on {@code System.out} */
    static Progress console() {
        return console(System.out);
    }

    /**
     * @param out where to print
     * @return a progress that prints one plain-text line per event on {@code out}
     */
    static Progress console(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return event -> out.println(event.line());
    }

    /** @return a progress that ignores every event */
    static Progress silent() {
        return event -> { };
    }

    /** @return a progress that keeps every event, for tests and reports */
    static CollectingProgress collecting() {
        return new CollectingProgress();
    }
}
