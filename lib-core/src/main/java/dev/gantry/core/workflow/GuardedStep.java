package dev.gantry.core.workflow;

import java.util.Objects;

/** A step that checks a guard before it runs. */
record GuardedStep(Step step, Guard guard) implements Step {

    GuardedStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(guard, "guard");
    }

    @Override
    public String name() {
        return step.name();
    }

    @Override
    public boolean isDone(StepContext context) {
        return step.isDone(context);
    }

    @Override
    public void run(StepContext context) {
        guard.violation(context).ifPresent(reason -> {
            throw new GuardViolation(reason);
        });
        step.run(context);
    }

    @Override
    public Retry retry() {
        return step.retry();
    }

    @Override
    public String toString() {
        return "Step[" + name() + ", guarded]";
    }
}
