package dev.gantry.test;

import dev.gantry.health.CheckResult;
import dev.gantry.health.HealthCheck;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A {@link HealthCheck} that returns the scripted results in order, then repeats the last one,
 * and counts its calls. Thread-safe.
 *
 * <pre>{@code
 * ScriptedHealthCheck db = ScriptedHealthCheck.of(CheckResult.down("starting"), CheckResult.up());
 * }</pre>
 */
public final class ScriptedHealthCheck implements HealthCheck {

    private final Deque<CheckResult> script = new ArrayDeque<>();
    private CheckResult last;
    private int calls;

    private ScriptedHealthCheck(CheckResult first) {
        this.last = Objects.requireNonNull(first, "first");
        script.add(first);
    }

    /**
     * Returns a check that answers these results in order, then repeats the last.
     *
     * @param first the first result
     * @param then the results after it
     * @return the check
     */
    public static ScriptedHealthCheck of(CheckResult first, CheckResult... then) {
        ScriptedHealthCheck check = new ScriptedHealthCheck(first);
        for (CheckResult result : then) {
            check.then(result);
        }
        return check;
    }

    /**
     * Adds a result to answer after those already scripted.
     *
     * @param result the result
     * @return this check
     */
    public synchronized ScriptedHealthCheck then(CheckResult result) {
        script.add(Objects.requireNonNull(result, "result"));
        return this;
    }

    /**
     * Returns how many times {@link #check()} was called.
     *
     * @return how many times {@link #check()} was called
     */
    public synchronized int calls() {
        return calls;
    }

    @Override
    public synchronized CheckResult check() {
        calls++;
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }
}
