package dev.gantry.core.workflow;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A step made of two lambdas. */
record SimpleStep(String name, Predicate<StepContext> done, Consumer<StepContext> work) implements Step {

    SimpleStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(done, "isDone");
        Objects.requireNonNull(work, "run");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a step needs a name");
        }
    }

    @Override
    public boolean isDone(StepContext context) {
        return done.test(context);
    }

    @Override
    public void run(StepContext context) {
        work.accept(context);
    }

    @Override
    public String toString() {
        return "Step[" + name + "]";
    }
}
