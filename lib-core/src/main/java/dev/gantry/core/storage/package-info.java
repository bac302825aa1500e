/**
 * Carving nodes' local storage into PersistentVolumeClaims: a pure planner that places every claim
 * of a pod on one node jointly, keeps replicas apart, and applies each CSI driver's exact size
 * rounding and the pool's reserve.
 *
 * <p>Describe the nodes ({@link dev.gantry.core.storage.NodeStorage} with
 * {@link dev.gantry.core.storage.Pool}s), the workloads ({@link dev.gantry.core.storage.Workload}),
 * pick a {@link dev.gantry.core.storage.StorageDriver} and a
 * {@link dev.gantry.core.storage.CarvingPolicy}, and plan:
 *
 * <pre>{@code
 * List<NodeStorage> nodes = List.of(
 *         NodeStorage.of("worker-1", "rack1").withPool(Pool.of("vg0", ByteSize.parse("1Ti")).striped(2)),
 *         NodeStorage.of("worker-2", "rack2").withPool("vg0", ByteSize.parse("1Ti")));
 * Workload db = Workload.statefulSet("prod", "db", 2)
 *         .withClaim("data", ByteSize.parse("100Gi")).withClaim("wal", ByteSize.parse("10Gi"));
 * CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(),
 *         CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi")));
 * plan.report().print();
 * plan.manifests().forEach(System.out::println);
 * }</pre>
 *
 * <p>On each node, {@link dev.gantry.core.storage.PoolWorkflow} prepares what the plan needs over a
 * {@link dev.gantry.core.exec.HostExecutor}, as a resumable workflow with a dry run: physical
 * volumes and the volume group on the devices a {@link dev.gantry.core.storage.PoolLayout} names,
 * TopoLVM's {@code lvmd.yaml}, or the static provisioner's tagged volumes, filesystems and mounts.
 */
package dev.gantry.core.storage;
