package dev.gantry.core.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one step implementation behind {@link Step#of}, {@link Step#withRetry} and {@link
 * Step#guardedBy}: a check, the work, a retry and the guards checked before the work. Decorating a
 * step copies this record instead of wrapping it again, so a step stays one flat value however
 * often it is decorated.
 */
record ComposedStep(String name, Predicate<StepContext> done, Consumer<StepContext> work, Retry retry,
        List<Guard> guards) implements Step {

    ComposedStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(done, "isDone");
        Objects.requireNonNull(work, "run");
        Objects.requireNonNull(retry, "retry");
        guards = List.copyOf(guards);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a step needs a name");
        }
    }

    /** The step itself when it is composed already, else a composed step that delegates to it. */
    static ComposedStep of(Step step) {
        Objects.requireNonNull(step, "step");
        return step instanceof ComposedStep composed ? composed
                : new ComposedStep(step.name(), step::isDone, step::run, step.retry(), List.of());
    }

    @Override
    public boolean isDone(StepContext context) {
        return done.test(context);
    }

    @Override
    public void run(StepContext context) {
        for (Guard guard : guards) {
            guard.violation(context).ifPresent(reason -> {
                throw new GuardViolation(reason);
            });
        }
        work.accept(context);
    }

    @Override
    public Step withRetry(Retry newRetry) {
        return new ComposedStep(name, done, work, Objects.requireNonNull(newRetry, "retry"), guards);
    }

    @Override
    public Step guardedBy(Guard guard) {
        List<Guard> more = new ArrayList<>(guards);
        more.add(Objects.requireNonNull(guard, "guard"));
        return new ComposedStep(name, done, work, retry, more);
    }

    @Override
    public String toString() {
        return "Step[" + name + (retry.maxAttempts() > 1 ? ", " + retry : "")
                + (guards.isEmpty() ? "" : ", " + guards.size() + " guard(s)") + "]";
    }
}
