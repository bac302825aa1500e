package dev.gantry.health;

import java.util.ArrayDeque;
import java.util.Deque;

/** A check that returns the scripted results in order, then repeats the last one. */
final class ScriptedCheck implements HealthCheck {

    private final Deque<CheckResult> results = new ArrayDeque<>();
    private CheckResult last = CheckResult.up();

    synchronized ScriptedCheck then(CheckResult result) {
        results.add(result);
        return this;
    }

    @Override
    public synchronized CheckResult check() {
        if (!results.isEmpty()) {
            last = results.poll();
        }
        return last;
    }
}
