package dev.gantry.core.workflow;

import java.util.Objects;

/** A step with its own retry. */
record RetryingStep(Step step, Retry retry) implements Step {

    RetryingStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(retry, "retry");
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
        step.run(context);
    }

    @Override
    public String toString() {
        return "Step[" + name() + ", " + retry + "]";
    }
}
