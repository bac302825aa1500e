package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns a packed layout into the plan's report: failures, warnings, rounding notes, diagram. */
final class PlanFindings {

    private final Cluster cluster;
    private final List<Workload> workloads;
    private final List<Demand> demands;
    private final Layout layout;
    private final Layout empty;
    private final StorageDriver driver;
    private final CarvingPolicy policy;
    private final List<Placement> placements;

    PlanFindings(Cluster cluster, List<Workload> workloads, List<Demand> demands, Layout layout, Layout empty,
            StorageDriver driver, CarvingPolicy policy, List<Placement> placements) {
        this.cluster = cluster;
        this.workloads = workloads;
        this.demands = demands;
        this.layout = layout;
        this.empty = empty;
        this.driver = driver;
        this.policy = policy;
        this.placements = placements;
    }

    Report report() {
        List<Finding> findings = new ArrayList<>(failures());
        findings.addAll(unreplicatedOnRaid0());
        if (!driver.enforcesSize()) {
            findings.add(Finding.warn("CARVE-SIZE-NOT-ENFORCED", "driver " + driver.name(), driver.provisioner()
                    + " ignores the requested size: every volume is a directory on the node's filesystem and may"
                    + " grow until the filesystem is full (two 4 TiB volumes fit one 4 TiB disk until they are"
                    + " written); the plan only counts requests",
                    "use TopoLVM or lvm-localpv where sizes must hold, or give each volume its own filesystem"));
        }
        findings.addAll(rounded());
        findings.add(summary());
        return Report.of(findings).withTitle("Carving plan: " + driver.name())
                .withDiagram(new PlanDiagram(cluster, placements, unplacedClaims()).render());
    }

    private List<Finding> failures() {
        Diagnosis diagnosis = new Diagnosis(layout, empty, policy.spread());
        List<Finding> findings = new ArrayList<>();
        for (Demand d : demands) {
            if (layout.nodeOf[d.index] < 0) {
                findings.addAll(diagnosis.explain(d));
            }
        }
        return findings;
    }

    private List<Finding> unreplicatedOnRaid0() {
        Map<String, List<Placement>> byWorkload = new LinkedHashMap<>();
        for (Placement p : placements) {
            byWorkload.computeIfAbsent(p.namespace() + "/" + p.workload(), k -> new ArrayList<>()).add(p);
        }
        List<Finding> findings = new ArrayList<>();
        byWorkload.forEach((name, list) -> {
            TreeSet<String> nodes = new TreeSet<>();
            TreeSet<String> raid0 = new TreeSet<>();
            for (Placement p : list) {
                nodes.add(p.node());
                if (isRaid0(p)) {
                    raid0.add(p.node() + "/" + p.pool());
                }
            }
            if (nodes.size() == 1 && !raid0.isEmpty()) {
                findings.add(Finding.warn("CARVE-UNREPLICATED-ON-RAID0", name, "every copy of " + name + "'s data"
                        + " is on node " + nodes.first() + ", in RAID-0 storage (" + String.join(", ", raid0)
                        + "): one failed disk loses it",
                        "run replicas on other nodes, back the data up, or use a pool without striping"));
            }
        });
        return findings;
    }

    private boolean isRaid0(Placement p) {
        int n = cluster.indexOf(p.node());
        return cluster.pools[n][cluster.poolIndex(n, p.pool())].isRaid0();
    }

    private List<Finding> rounded() {
        List<Finding> findings = new ArrayList<>();
        for (Placement p : placements) {
            if (p.allocated().bytes() > p.requested().bytes()) {
                findings.add(Finding.info("CARVE-ROUNDED", p.namespace() + "/" + p.claim(), "claim " + p.claim()
                        + " requests " + p.requested() + " but takes " + p.allocated() + " from " + p.node() + "/"
                        + p.pool() + " (+" + p.rounding() + "): " + driver.roundingRule()));
            }
        }
        return findings;
    }

    private Finding summary() {
        long bytes = 0;
        for (Placement p : placements) {
            bytes = Sizes.saturatedAdd(bytes, p.requested().bytes());
        }
        long total = 0;
        for (Workload w : workloads) {
            total += w.claimCount();
        }
        long nodes = placements.stream().map(Placement::node).distinct().count();
        return Finding.info("CARVE-PLANNED", "plan", "placed " + placements.size() + " of " + total + " claims ("
                + ByteSize.ofBytes(bytes) + " requested) on " + nodes + " of " + cluster.size + " nodes with "
                + driver + ", reserve " + policy.reserve() + " per pool, spread " + policy.spread());
    }

    private long unplacedClaims() {
        long count = 0;
        for (Demand d : demands) {
            if (layout.nodeOf[d.index] < 0) {
                count += d.size();
            }
        }
        return count;
    }
}
