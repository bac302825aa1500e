package dev.gantry.core.workflow;

import dev.gantry.core.GantryException;
import dev.gantry.core.exec.HostExecutor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link Step} sees while it is checked or run: the executor that reaches hosts, the
 * outputs earlier steps recorded, whether this is a dry run, and the run's {@link Progress}.
 *
 * <p>Outputs live for one {@link Workflow#run} or {@link Workflow#dryRun}. A step that is skipped
 * because it is done does not run, so a step whose output later steps need should record it from
 * {@link Step#isDone} as well (for example the member id it found). During a dry run
 * {@link #dryRun()} is true and only {@code isDone} is called; it must not change anything.
 * Thread-safe.
 */
public final class StepContext {

    private final HostExecutor executor;
    private final boolean dryRun;
    private final Progress progress;
    private final Map<String, String> outputs = new ConcurrentHashMap<>();

    StepContext(HostExecutor executor, boolean dryRun, Progress progress) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dryRun = dryRun;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Returns the executor through which steps reach hosts.
     *
     * @return the executor through which steps reach hosts
     */
    public HostExecutor executor() {
        return executor;
    }

    /**
     * Tells whether this is a dry run, in which nothing may change.
     *
     * @return whether this is a dry run, in which nothing may change
     */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Returns the run's progress, for steps that report their own detail.
     *
     * @return the run's progress, for steps that report their own detail
     */
    public Progress progress() {
        return progress;
    }

    /**
     * Records an output for later steps, replacing an earlier value of the key.
     *
     * @param key a name such as {@code etcd.e1.memberId}
     * @param value the value
     */
    public void put(String key, String value) {
        outputs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns the output an earlier step recorded under a key, if any.
     *
     * @param key an output's name
     * @return the value an earlier step recorded, or empty
     */
    public Optional<String> output(String key) {
        return Optional.ofNullable(outputs.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * Returns the output an earlier step recorded under a key, or fails.
     *
     * @param key an output's name
     * @return the value an earlier step recorded
     * @throws GantryException naming the key and the keys present when it was not recorded
     */
    public String require(String key) {
        return output(key).orElseThrow(() -> new GantryException("no step recorded output '" + key
                + "'; recorded: " + outputs().keySet() + ". Record it from the producing step's isDone too"));
    }

    /**
     * Returns every output recorded so far, sorted by key.
     *
     * @return every output recorded so far, sorted by key
     */
    public Map<String, String> outputs() {
        return new TreeMap<>(outputs);
    }
}
