package dev.gantry.core.raid;

import dev.gantry.core.exec.ExecException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link HostExecutor} for tests: canned results by argument vector; any other command exits 127
 * with "command not found", like a shell. Records every call. Thread-safe.
 */
final class FakeExecutor implements HostExecutor {

    /** What one call saw. */
    record Call(Host host, List<String> argv, Duration timeout) {}

    private final Map<List<String>, ExecResult> results = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    FakeExecutor answer(List<String> argv, String stdout) {
        results.put(List.copyOf(argv), new ExecResult(0, stdout, "", Duration.ofMillis(5)));
        return this;
    }

    FakeExecutor fail(List<String> argv, int exit, String stderr) {
        results.put(List.copyOf(argv), new ExecResult(exit, "", stderr, Duration.ofMillis(5)));
        return this;
    }

    /** Makes every call throw, as an executor does for a host it cannot reach. */
    FakeExecutor unreachable(String message) {
        failure = new ExecException(message);
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ExecResult exec(Host host, List<String> argv, Duration timeout) {
        calls.add(new Call(host, List.copyOf(argv), timeout));
        if (failure != null) {
            throw failure;
        }
        ExecResult result = results.get(argv);
        return result != null ? result
                : new ExecResult(127, "", "sh: 1: " + argv.get(0) + ": command not found\n", Duration.ofMillis(1));
    }

    @Override
    public void upload(Host host, String path, byte[] content, int mode) {
        throw new UnsupportedOperationException("fact collection never uploads");
    }
}
