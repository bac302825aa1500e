package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link CarvingPlanner#plan}: where every claim goes, what was left out and why, and
 * the Kubernetes objects that make the cluster follow the plan.
 *
 * <p>Findings: {@code CARVE-NO-FIT}, {@code CARVE-JOINT-NO-FIT}, {@code CARVE-REPLICAS-SHARE-NODE},
 * {@code CARVE-REPLICAS-SHARE-DOMAIN} (FAIL); {@code CARVE-UNREPLICATED-ON-RAID0}, {@code
 * CARVE-SIZE-NOT-ENFORCED} (WARN); {@code CARVE-ROUNDED} and {@code CARVE-PLANNED} (INFO). The
 * report's Markdown ends with a Mermaid diagram of failure domains, nodes, pools and claims.
 * Immutable and thread-safe.
 */
public final class CarvingPlan {

    private final Cluster cluster;
    private final List<Demand> demands;
    private final Layout layout;
    private final StorageDriver driver;
    private final CarvingPolicy policy;
    private final List<Placement> placements;
    private final Report report;

    CarvingPlan(Cluster cluster, List<Workload> workloads, List<Demand> demands, Layout layout, Layout empty,
            StorageDriver driver, CarvingPolicy policy) {
        this.cluster = cluster;
        this.demands = demands;
        this.layout = layout;
        this.driver = driver;
        this.policy = policy;
        this.placements = collectPlacements();
        this.report = new PlanFindings(cluster, workloads, demands, layout, empty, driver, policy, placements)
                .report();
    }

    /**
     * Returns the findings, titled and with the Mermaid diagram.
     *
     * @return the report; {@link Report#ok()} when every claim was placed within the policy
     */
    public Report report() {
        return report;
    }

    /**
     * Returns one placement per placed claim, in workload order, then ordinal, then claim order.
     *
     * @return the placements; empty when nothing was placed
     */
    public List<Placement> placements() {
        return placements;
    }

    /**
     * Returns the driver the plan was made for.
     *
     * @return the driver
     */
    public StorageDriver driver() {
        return driver;
    }

    /**
     * Returns the policy the plan was made with.
     *
     * @return the policy
     */
    public CarvingPolicy policy() {
        return policy;
    }

    /**
     * Returns the bytes the plan takes from every pool, after rounding.
     *
     * @param node the node name
     * @param pool the pool name
     * @return the allocated bytes; zero for an unknown node or pool
     */
    public ByteSize allocated(String node, String pool) {
        long sum = 0;
        for (Placement p : placements) {
            if (p.node().equals(node) && p.pool().equals(pool)) {
                sum = Sizes.saturatedAdd(sum, p.allocated().bytes());
            }
        }
        return ByteSize.ofBytes(sum);
    }

    /**
     * Returns the StorageClass documents (one per pool used, restricted to the planned nodes with
     * {@code allowedTopologies}) followed by one PersistentVolumeClaim document per placement,
     * annotated with {@code volume.kubernetes.io/selected-node} so the driver provisions it on the
     * planned node before any pod asks.
     *
     * @return YAML documents without {@code ---} separators
     */
    public List<String> manifests() {
        return Manifests.render(placements, driver, policy, cluster.nodes);
    }

    /**
     * Returns {@link #manifests()} as one multi-document YAML text, for {@code kubectl apply -f -}.
     *
     * @return the documents separated by {@code ---} lines
     */
    public String manifestsYaml() {
        return String.join("---\n", manifests());
    }

    /**
     * Returns the StorageClass name the plan uses for one pool.
     *
     * @param pool the pool name
     * @return {@code <prefix>-<driver>-<pool>}, lower-cased and cut to a valid name
     */
    public String storageClassName(String pool) {
        return Manifests.className(policy, driver, pool);
    }

    /** The nodes the plan was made for, as given. */
    List<NodeStorage> nodes() {
        return cluster.nodes;
    }

    @Override
    public String toString() {
        return "CarvingPlan[" + driver.name() + ", " + placements.size() + " placements, " + report.summary() + "]";
    }

    private List<Placement> collectPlacements() {
        List<Placement> list = new ArrayList<>();
        for (Demand d : demands) {
            int n = layout.nodeOf[d.index];
            if (n < 0) {
                continue;
            }
            addPod(list, d, n);
        }
        return List.copyOf(list);
    }

    private void addPod(List<Placement> list, Demand d, int n) {
        Placement[] pod = new Placement[d.size()];
        for (int c = 0; c < d.size(); c++) {
            pod[d.original[c]] = new Placement(d.source.namespace(), d.source.name(), d.claims[c], d.pod,
                    cluster.nodes.get(n).node(), cluster.pools[n][layout.poolOf[d.index][c]].name(),
                    ByteSize.ofBytes(d.requests[c]), ByteSize.ofBytes(layout.allocOf[d.index][c]));
        }
        list.addAll(List.of(pod));
    }
}
