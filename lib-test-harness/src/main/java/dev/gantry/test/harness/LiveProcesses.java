package dev.gantry.test.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: every {@link RealProcess} not yet closed, killed by a JVM shutdown hook
 * so that an aborted build leaves no daemons behind. Tests should not rely on it; they close their
 * processes through {@link RealProcesses}.
 *
 * <p>JVM-wide on purpose, like the shutdown hook it serves. Thread-safe.
 */
final class LiveProcesses {

    private static final Logger log = LoggerFactory.getLogger(LiveProcesses.class);
    private static final Set<RealProcess> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveProcesses::killAll, "gantry-real-process-reaper"));
    }

    private LiveProcesses() {}

    static void register(RealProcess process) {
        OPEN.add(process);
    }

    static void forget(RealProcess process) {
        OPEN.remove(process);
    }

    private static void killAll() {
        for (RealProcess process : OPEN) {
            try {
                if (process.isAlive()) {
                    log.warn("Killing {}, still running at JVM exit", process);
                    process.kill();
                }
            } catch (RuntimeException e) {
                log.warn("Could not kill {}: {}", process, e.toString());
            }
        }
    }
}
