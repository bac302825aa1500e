package dev.gantry.test;

import dev.gantry.core.workflow.Progress;
import dev.gantry.core.workflow.StepEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Progress} that keeps every {@link StepEvent} it receives, for tests to assert on.
 * Thread-safe.
 *
 * <pre>{@code
 * CollectingProgress progress = new CollectingProgress();
 * List<String> failed = progress.steps(StepEvent.Kind.FAILED);
 * }</pre>
 */
public final class CollectingProgress implements Progress {

    private final List<StepEvent> events = new ArrayList<>();

    /** Creates a progress with no events yet. */
    public CollectingProgress() {
    }

    @Override
    public synchronized void onEvent(StepEvent event) {
        events.add(event);
    }

    /**
     * Returns every event so far, oldest first.
     *
     * @return every event so far, oldest first
     */
    public synchronized List<StepEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Returns the events of these kinds so far, oldest first.
     *
     * @param kind a kind to keep
     * @param more more kinds to keep
     * @return the events of these kinds, oldest first
     */
    public synchronized List<StepEvent> events(StepEvent.Kind kind, StepEvent.Kind... more) {
        Set<StepEvent.Kind> kinds = EnumSet.of(kind, more);
        return events.stream().filter(e -> kinds.contains(e.kind())).toList();
    }

    /**
     * Returns the kind of every event so far, oldest first.
     *
     * @return the kind of every event so far, oldest first
     */
    public synchronized List<StepEvent.Kind> kinds() {
        return events.stream().map(StepEvent::kind).toList();
    }

    /**
     * Returns the names of the steps with events of this kind, in order.
     *
     * @param kind an event kind
     * @return the names of the steps with events of that kind, in order
     */
    public synchronized List<String> steps(StepEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).map(StepEvent::step).toList();
    }

    @Override
    public synchronized String toString() {
        return "CollectingProgress" + events.stream().map(StepEvent::line).toList();
    }
}
