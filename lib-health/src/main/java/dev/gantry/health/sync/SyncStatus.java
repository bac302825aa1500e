package dev.gantry.health.sync;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a node says about its own sync state at one moment, as read by a {@link SyncSource}.
 *
 * <p>Only {@code height} is always known. The network height (the best height the node knows of,
 * e.g. Bitcoin's {@code headers} or Ethereum's {@code highestBlock}), the peer count and the
 * tip's time are present only when the node family reports them. Immutable and thread-safe.
 *
 * @param source the name of the source that read it, e.g. {@code bitcoin http://127.0.0.1:9332}
 * @param height the node's own best fully validated height (Monero's {@code height - 1})
 * @param networkHeight the best height the node knows the network to have, when it says
 * @param syncing whether the node says it is syncing (already corrected for each family's
 *     known false answers where the source can tell)
 * @param peers the number of connected peers, when known
 * @param tipTime the time of the node's best block, when known
 * @param observedAt when the source read this status
 * @param details further public signals, e.g. {@code initialblockdownload} or {@code headers}
 */
public record SyncStatus(String source, long height, OptionalLong networkHeight, boolean syncing,
        OptionalInt peers, Optional<Instant> tipTime, Instant observedAt, Map<String, Object> details) {

    /** Validates the fields and copies the details. */
    public SyncStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(networkHeight, "networkHeight");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(tipTime, "tipTime");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(details, "details");
        if (height < 0) {
            throw new IllegalArgumentException("height must be >= 0 but was " + height);
        }
        if (networkHeight.isPresent() && networkHeight.getAsLong() < 0) {
            throw new IllegalArgumentException("networkHeight must be >= 0 but was " + networkHeight.getAsLong());
        }
        if (peers.isPresent() && peers.getAsInt() < 0) {
            throw new IllegalArgumentException("peers must be >= 0 but was " + peers.getAsInt());
        }
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Returns a status of a node that is not syncing, with nothing else known.
     *
     * @param source the source's name
     * @param height the node's height
     * @param observedAt when it was read
     * @return a status of a node that is not syncing, with nothing else known
     */
    public static SyncStatus of(String source, long height, Instant observedAt) {
        return new SyncStatus(source, height, OptionalLong.empty(), false, OptionalInt.empty(), Optional.empty(),
                observedAt, Map.of());
    }

    /**
     * How far the node is behind the network height it knows of.
     *
     * @return {@code networkHeight - height}, at least 0, when the network height is known
     */
    public OptionalLong lag() {
        return networkHeight.isPresent()
                ? OptionalLong.of(Math.max(0, networkHeight.getAsLong() - height))
                : OptionalLong.empty();
    }

    /**
     * Returns a copy with that network height.
     *
     * @param value the best height the node knows the network to have
     * @return a copy with that network height
     */
    public SyncStatus withNetworkHeight(long value) {
        return new SyncStatus(source, height, OptionalLong.of(value), syncing, peers, tipTime, observedAt, details);
    }

    /**
     * Returns a copy with that flag.
     *
     * @param value whether the node is syncing
     * @return a copy with that flag
     */
    public SyncStatus withSyncing(boolean value) {
        return new SyncStatus(source, height, networkHeight, value, peers, tipTime, observedAt, details);
    }

    /**
     * Returns a copy with that peer count.
     *
     * @param value the number of connected peers
     * @return a copy with that peer count
     */
    public SyncStatus withPeers(int value) {
        return new SyncStatus(source, height, networkHeight, syncing, OptionalInt.of(value), tipTime, observedAt,
                details);
    }

    /**
     * Returns a copy with that tip time.
     *
     * @param value the time of the node's best block
     * @return a copy with that tip time
     */
    public SyncStatus withTipTime(Instant value) {
        return new SyncStatus(source, height, networkHeight, syncing, peers, Optional.of(value), observedAt,
                details);
    }

    /**
     * Returns a copy with the detail added or replaced.
     *
     * @param key the detail's name
     * @param value its value (a number, string or boolean)
     * @return a copy with the detail added or replaced
     */
    public SyncStatus withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new SyncStatus(source, height, networkHeight, syncing, peers, tipTime, observedAt, copy);
    }
}
