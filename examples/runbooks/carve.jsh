// Volume carving: plan a StatefulSet of 3 replicas with 2 claims each on the inventory's workers,
// print the plan and the StorageClass / PVC manifests that make Kubernetes follow it.
// Run it with:  examples/run carve   (from the repository root)
import dev.gantry.core.*;
import dev.gantry.core.storage.*;
import java.nio.file.*;
import java.util.*;

// 1. The nodes: every inventory machine with data disks gets one pool over its disks (two NVMe
//    drives of 1.8 TB each here, so a volume group striped over both). On a live node, read
//    `vgs --reportformat json` instead: NodeStorage.fromFacts(node, rack, vgsJson, raidArrays).
List<NodeStorage> nodes = NodeStorage.fromInventory(Inventory.load(Path.of("inventory.yaml")),
        "data", ByteSize.parse("1.8TB"));

// 2. The workload: pods db-0..db-2, claims data-db-N and wal-db-N, as the StatefulSet names them.
Workload db = Workload.statefulSet("prod", "db", 3).
        withClaim("data", ByteSize.parse("500Gi")).
        withClaim("wal", ByteSize.parse("100Mi"));

// 3. The plan: TopoLVM, 10 GiB kept free per pool (its spare-gb), replicas in different racks.
//    Three racks are needed for that and the inventory has two: the plan says so.
CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(),
        CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi")).withSpread(Spread.FAILURE_DOMAIN));
plan.report().print();

// 4. Different nodes are enough here: every replica gets its node; the WAL claims are rounded up
//    to whole extents on both stripes (CARVE-ROUNDED).
plan = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(),
        CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi")).withSpread(Spread.NODE));
plan.report().print();
plan.placements().forEach(p -> System.out.printf("%-12s %-6s on %-9s %-5s requested %-8s allocated %s%n",
        p.claim(), p.pod(), p.node(), p.pool(), p.requested(), p.allocated()));

// 5. What to apply: one StorageClass per pool and a PVC per claim, pinned with selected-node.
System.out.println(plan.manifestsYaml());

// 6. On each node, the pool the plan assumes: here TopoLVM's lvmd.yaml for worker-1, whose two NVMe
//    drives make a volume group striped over both. PoolWorkflow.workflow(executor) would also
//    create the physical volumes and the volume group over SSH, each step checked first; see
//    docs/storage.md, "On the node".
PoolWorkflow node1 = PoolWorkflow.forNode(plan, "worker-1", PoolLayout.disks("data", "/dev/nvme0n1", "/dev/nvme1n1"));
System.out.println(node1.lvmdConfig().orElseThrow());
