/**
 * Volume carving against a live cluster (fabric8): discovering nodes' local storage from TopoLVM
 * node annotations, OpenEBS {@code LVMNode} resources and CSIStorageCapacity objects
 * ({@link dev.gantry.k8s.storage.StorageDiscovery}), applying a plan's StorageClasses and claims
 * after a server-side dry run with a field-level diff ({@link dev.gantry.k8s.storage.StorageApply}),
 * and a read-only audit of what makes local volumes fail in practice
 * ({@link dev.gantry.k8s.storage.StorageAudit}).
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *     List<NodeStorage> nodes = StorageDiscovery.of(client).topolvm();
 *     CarvingPlan plan = CarvingPlanner.plan(nodes, workloads, StorageDriver.topolvm(), CarvingPolicy.ofDefaults());
 *     StorageApply.of(client).apply(plan).print().orThrow();
 *     StorageAudit.of(client).check().print();
 * }
 * }</pre>
 */
package dev.gantry.k8s.storage;
