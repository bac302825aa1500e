package dev.gantry.core.workflow;

import java.util.ArrayList;
import java.util.List;

/** A test {@link Progress} that keeps every event it receives. Thread-safe. */
public final class CollectingProgress implements Progress {

    private final List<StepEvent> events = new ArrayList<>();

    /** Creates a progress with no events yet. */
    public CollectingProgress() {}

    @Override
    public synchronized void onEvent(StepEvent event) {
        events.add(event);
    }

    /** @return every event so far, oldest first */
    public synchronized List<StepEvent> events() {
        return List.copyOf(events);
    }

    /** @return the kind of every event so far, oldest first */
    public synchronized List<StepEvent.Kind> kinds() {
        return events.stream().map(StepEvent::kind).toList();
    }

    /**
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
