package dev.gantry.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.workflow.StepEvent;
import dev.gantry.core.workflow.StepEvent.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectingProgressTest {

    private static StepEvent event(String step, Kind kind) {
        return new StepEvent(step, kind, 1, Duration.ZERO, kind == Kind.FAILED ? "boom" : "");
    }

    private final CollectingProgress progress = new CollectingProgress();

    @Test
    void keepsEveryEventInOrder() {
        StepEvent started = event("format", Kind.STARTED);
        StepEvent done = event("format", Kind.SUCCEEDED);
        progress.onEvent(started);
        progress.onEvent(done);

        assertThat(progress.events()).containsExactly(started, done);
        assertThat(progress.kinds()).containsExactly(Kind.STARTED, Kind.SUCCEEDED);
    }

    @Test
    void filtersEventsByKindAndNamesTheStepsOfAKind() {
        progress.onEvent(event("format", Kind.STARTED));
        progress.onEvent(event("format", Kind.SUCCEEDED));
        progress.onEvent(event("mount", Kind.SKIPPED));
        progress.onEvent(event("join", Kind.FAILED));

        assertThat(progress.events(Kind.SKIPPED, Kind.FAILED)).extracting(StepEvent::step)
                .containsExactly("mount", "join");
        assertThat(progress.steps(Kind.SUCCEEDED)).containsExactly("format");
        assertThat(progress.toString()).contains("FAILED    join");
    }

    @Test
    void startsEmpty() {
        assertThat(progress.events()).isEmpty();
        assertThat(progress.events(Kind.FAILED)).isEmpty();
    }
}
