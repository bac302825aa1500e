package dev.gantry.k8s.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Report;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * A read-only audit of a cluster's local volumes for what makes them fail in practice.
 *
 * <pre>{@code
 * StorageAudit.of(client).check().print();
 * }</pre>
 *
 * <p>Codes: {@code CARVE-CAPACITY-MISSING} (FAIL: a node runs a capacity-tracking driver but has
 * no CSIStorageCapacity for a class, so the scheduler counts it as full),
 * {@code CARVE-CAPACITY-ORPHANED} (WARN: a CSIStorageCapacity for a node that is gone),
 * {@code CARVE-CAPACITY-DRIFT} (WARN: a CSIStorageCapacity differs from TopoLVM's own node
 * annotation by more than the tolerance, default 1 GiB), {@code CARVE-PVC-PENDING} (FAIL with the
 * reason: its selected node is gone, its pod is pinned with {@code spec.nodeName} which bypasses
 * {@code WaitForFirstConsumer}, or no node in its topology has the capacity; WARN when no reason is
 * visible), {@code CARVE-JOINT-NO-FIT} (FAIL: a pending pod whose claims each fit some node but no
 * node all of them), {@code CARVE-IMMEDIATE-BINDING} (WARN: a local class that binds before the
 * pod is scheduled), {@code CARVE-UNREPLICATED-ON-RAID0} (WARN: a StatefulSet with one replica, or
 * all replicas on one node, whose claims use a class marked {@code gantry.dev/raid0: "true"}), and
 * {@code CARVE-AUDIT-OK} (PASS) when none applies.
 *
 * <p>Reads nodes, StorageClasses, CSIDrivers, CSINodes, CSIStorageCapacities, PVCs, pods and
 * StatefulSets; writes nothing. Every call has the client's own timeouts; an API error becomes a
 * {@link dev.gantry.k8s.KubernetesApiException}. Immutable; thread-safe when the client is.
 */
public final class StorageAudit {

    private final KubernetesClient client;
    private final ByteSize driftTolerance;

    private StorageAudit(KubernetesClient client, ByteSize driftTolerance) {
        this.client = Objects.requireNonNull(client, "client");
        this.driftTolerance = Objects.requireNonNull(driftTolerance, "driftTolerance");
    }

    /**
     * Returns an audit of a cluster with a drift tolerance of 1 GiB.
     *
     * @param client a client for the cluster; not closed by the audit
     * @return the audit
     */
    public static StorageAudit of(KubernetesClient client) {
        return new StorageAudit(client, ByteSize.ofBytes(1L << 30));
    }

    /**
     * Returns a copy that tolerates another difference between a CSIStorageCapacity and the node's
     * own figure (both are refreshed by polling, so small differences are normal).
     *
     * @param tolerance the largest difference not reported
     * @return the copy
     */
    public StorageAudit withDriftTolerance(ByteSize tolerance) {
        return new StorageAudit(client, tolerance);
    }

    /**
     * Reads the cluster and judges it.
     *
     * @return the findings, titled with the API server's URL
     * @throws dev.gantry.k8s.KubernetesApiException when a read fails
     */
    public Report check() {
        StorageFacts facts = StorageFacts.read(client);
        return Report.of(new StorageRules(facts, driftTolerance.bytes()).apply())
                .withTitle("Storage audit of " + client.getMasterUrl());
    }
}
