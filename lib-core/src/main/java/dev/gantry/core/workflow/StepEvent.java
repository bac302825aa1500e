package dev.gantry.core.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * Something that happened to a step during {@link Workflow#run(Progress)}.
 *
 * @param step the step's name
 * @param kind what happened
 * @param attempt the attempt it happened in, from 1; for {@link Kind#RETRIED} the attempt that failed
 * @param duration time spent on the step so far: 0 for {@link Kind#STARTED}, the time of the
 *     {@code isDone} check for {@link Kind#SKIPPED}, the step's whole time for the others
 * @param message why: the failure for {@link Kind#RETRIED} and {@link Kind#FAILED}, else empty
 */
public record StepEvent(String step, Kind kind, int attempt, Duration duration, String message) {

    /** What happened to a step. */
    public enum Kind {
        /** The step was not done and began to run. */
        STARTED,
        /** The step was already done, so it did not run. */
        SKIPPED,
        /** An attempt failed with a failure its retry covers; another attempt follows. */
        RETRIED,
        /** The step ran to completion. */
        SUCCEEDED,
        /** The step failed for good; the workflow stops. */
        FAILED
    }

    /** Checks that no field is null and the attempt is positive. */
    public StepEvent {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(message, "message");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
    }

    /**
     * Returns one plain-text line, as {@link Progress#console()} prints it.
     *
     * @return one plain-text line, as {@link Progress#console()} prints it
     */
    public String line() {
        String seconds = String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        return switch (kind) {
            case STARTED -> "started   " + step;
            case SKIPPED -> "skipped   " + step + " (already done)";
            case RETRIED -> "retrying  " + step + " after attempt " + attempt + " failed at " + seconds + ": " + message;
            case SUCCEEDED -> "done      " + step + " in " + seconds + (attempt > 1 ? " (" + attempt + " attempts)" : "");
            case FAILED -> "FAILED    " + step + " after " + seconds + (attempt > 1 ? " and " + attempt + " attempts" : "")
                    + ": " + message;
        };
    }

    @Override
    public String toString() {
        return line();
    }
}
