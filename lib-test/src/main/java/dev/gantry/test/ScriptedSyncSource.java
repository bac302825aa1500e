package dev.gantry.test;

import dev.gantry.health.sync.SyncSource;
import dev.gantry.health.sync.SyncStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link SyncSource} that answers the scripted statuses or failures in order, then repeats the
 * last one, and counts its reads. Thread-safe.
 *
 * <p>A read before anything was scripted throws {@link IllegalStateException}, naming the source.
 *
 * <pre>{@code
 * ScriptedSyncSource node = ScriptedSyncSource.named("node-1").
 *         then(SyncStatus.of("node-1", 100, Instant.EPOCH).withNetworkHeight(112));
 * node.set(SyncStatus.of("node-1", 112, Instant.EPOCH).withNetworkHeight(112));
 * }</pre>
 */
public final class ScriptedSyncSource implements SyncSource {

    private final String name;
    private final Deque<Supplier<SyncStatus>> script = new ArrayDeque<>();
    private Supplier<SyncStatus> last;
    private int reads;

    private ScriptedSyncSource(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Returns a source with this name and nothing scripted yet.
     *
     * @param name the name that {@link #name()} returns
     * @return the source
     */
    public static ScriptedSyncSource named(String name) {
        return new ScriptedSyncSource(name);
    }

    /**
     * Adds a status to answer after those already scripted.
     *
     * @param status the status
     * @return this source
     */
    public synchronized ScriptedSyncSource then(SyncStatus status) {
        Objects.requireNonNull(status, "status");
        script.add(() -> status);
        return this;
    }

    /**
     * Adds a failure to throw after the answers already scripted, e.g. a
     * {@link dev.gantry.health.sync.SyncSourceException} for a node that cannot be reached.
     *
     * @param failure what the read throws
     * @return this source
     */
    public synchronized ScriptedSyncSource thenThrow(RuntimeException failure) {
        Objects.requireNonNull(failure, "failure");
        script.add(() -> {
            throw failure;
        });
        return this;
    }

    /**
     * Drops whatever is still scripted and answers {@code status} from now on, for a test that
     * moves a node along.
     *
     * @param status the status
     */
    public synchronized void set(SyncStatus status) {
        Objects.requireNonNull(status, "status");
        script.clear();
        last = () -> status;
    }

    /**
     * Returns how many times {@link #read()} was called.
     *
     * @return how many times {@link #read()} was called
     */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized SyncStatus read() {
        reads++;
        if (!script.isEmpty()) {
            last = script.poll();
        }
        if (last == null) {
            throw new IllegalStateException(name + ": the test did not script an answer; call then(…) or set(…)");
        }
        return last.get();
    }

    @Override
    public String toString() {
        return "ScriptedSyncSource[" + name + "]";
    }
}
