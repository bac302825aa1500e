package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Objects;

/**
 * Where the plan puts one claim: node and pool, with the size asked for and the size the driver
 * and LVM will really take from the pool.
 *
 * @param namespace the claim's namespace
 * @param workload the StatefulSet or pod the claim belongs to
 * @param claim the claim name as Kubernetes names it, e.g. {@code data-db-0}
 * @param pod the pod that uses it, e.g. {@code db-0}
 * @param node the node it is carved on
 * @param pool the pool it is carved from
 * @param requested the requested size
 * @param allocated the bytes taken from the pool after the driver's and LVM's rounding
 */
public record Placement(String namespace, String workload, String claim, String pod, String node, String pool,
        ByteSize requested, ByteSize allocated) {

    /**
     * Checks that no component is {@code null}.
     *
     * @throws NullPointerException when a component is {@code null}
     */
    public Placement {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(allocated, "allocated");
    }

    /**
     * Returns the bytes rounding added.
     *
     * @return allocated minus requested, or zero
     */
    public ByteSize rounding() {
        return ByteSize.ofBytes(Math.max(0, allocated.bytes() - requested.bytes()));
    }
}
