package dev.gantry.health;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live threads of this JVM, to prove that a closed component leaves none of its own behind.
 *
 * <p>Ignored: OkHttp's process-wide task runner ({@code OkHttp …}) and Okio's timeout watchdog
 * ({@code Okio Watchdog}), daemon threads that OkHttp and Okio share across the process and end by
 * themselves about a minute after their last use (no Gantry component owns them), and Awaitility's
 * polling threads.
 */
public final class LiveThreads {

    private final Set<Thread> before;

    private LiveThreads(Set<Thread> before) {
        this.before = before;
    }

    /** Remembers the threads alive now. */
    public static LiveThreads now() {
        return new LiveThreads(Thread.getAllStackTraces().keySet());
    }

    /** Names the threads started since {@link #now()} that are still alive, sorted. */
    public List<String> startedSince() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("OkHttp") && !name.equals("Okio Watchdog") && !name.startsWith("awaitility"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Names every live thread whose name starts with the prefix, sorted. */
    public static List<String> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }
}
