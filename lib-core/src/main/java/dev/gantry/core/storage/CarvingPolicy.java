package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Objects;

/**
 * How the planner carves: the bytes kept free in every pool, how far apart replicas must be, and
 * the prefix of the StorageClass names it writes.
 *
 * <pre>{@code
 * CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi")).withSpread(Spread.FAILURE_DOMAIN)
 * }</pre>
 *
 * <p>Defaults: no reserve, {@link Spread#NODE}, class prefix {@code gantry}. With TopoLVM, set the
 * reserve to the device class's {@code spare-gb} (10 GiB unless lvmd.yaml says otherwise) when the
 * pools' free bytes are the volume groups' own figures; TopoLVM's node annotations already subtract
 * it. Immutable and thread-safe.
 *
 * @param reserve bytes kept free in every pool
 * @param spread how far apart the replicas of one workload must be
 * @param classPrefix prefix of the StorageClass names, a DNS-1123 label
 */
public record CarvingPolicy(ByteSize reserve, Spread spread, String classPrefix) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the prefix is not a DNS-1123 label of at most 40 characters
     */
    public CarvingPolicy {
        Objects.requireNonNull(reserve, "reserve");
        Objects.requireNonNull(spread, "spread");
        Names.label(classPrefix, "class prefix");
        if (classPrefix.length() > 40) {
            throw new IllegalArgumentException("class prefix must be at most 40 characters, leaving room for the"
                    + " driver and pool, but was " + classPrefix.length());
        }
    }

    /**
     * Returns the defaults: no reserve, replicas on different nodes, class prefix {@code gantry}.
     *
     * @return the policy
     */
    public static CarvingPolicy ofDefaults() {
        return new CarvingPolicy(ByteSize.ZERO, Spread.NODE, "gantry");
    }

    /**
     * Returns a copy that keeps {@code bytes} free in every pool.
     *
     * @param bytes the reserve per pool, e.g. TopoLVM's {@code spare-gb}
     * @return the copy
     */
    public CarvingPolicy withReserve(ByteSize bytes) {
        return new CarvingPolicy(bytes, spread, classPrefix);
    }

    /**
     * Returns a copy that keeps replicas apart as {@code value} says.
     *
     * @param value {@link Spread#NODE}, {@link Spread#FAILURE_DOMAIN} or {@link Spread#NONE}
     * @return the copy
     */
    public CarvingPolicy withSpread(Spread value) {
        return new CarvingPolicy(reserve, value, classPrefix);
    }

    /**
     * Returns a copy whose StorageClasses are named {@code <prefix>-<driver>-<pool>}.
     *
     * @param prefix a DNS-1123 label of at most 40 characters
     * @return the copy
     */
    public CarvingPolicy withClassPrefix(String prefix) {
        return new CarvingPolicy(reserve, spread, prefix);
    }
}
