package dev.gantry.core.storage;

import dev.gantry.core.GantryException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Plans which node and pool every claim is carved from.
 *
 * <pre>{@code
 * CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(),
 *         CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi")).withSpread(Spread.FAILURE_DOMAIN));
 * plan.report().print();
 * }</pre>
 *
 * <p>The planner places all claims of one pod on one node together (the scheduler checks each claim
 * alone), keeps the replicas of a workload on different nodes or failure domains as the policy
 * says, sizes every claim with the driver's and LVM's rounding, keeps the policy's reserve free in
 * every pool, and never places more than fits. Pods go largest first; the plan is the better of
 * first-fit-decreasing and best-fit-decreasing (more bytes placed, then more claims), so it never
 * places less than first-fit-decreasing on the same input. Pods that cannot be placed stay out of
 * the plan and get a FAIL finding that says why. Stateless and thread-safe.
 */
public final class CarvingPlanner {

    /** The most claims one plan may hold. */
    public static final long MAX_CLAIMS = 10_000_000L;

    private CarvingPlanner() {}

    /**
     * Plans the claims of {@code workloads} on {@code nodes}.
     *
     * @param nodes the nodes, each name once; list order is first-fit order
     * @param workloads the workloads, each namespace/name once
     * @param driver the provisioner that carves the volumes
     * @param policy the reserve, spread and class prefix
     * @return the plan
     * @throws IllegalArgumentException when a node or workload name repeats, two workloads yield the
     *     same claim name in one namespace, or there are more than {@value #MAX_CLAIMS} claims
     */
    public static CarvingPlan plan(List<NodeStorage> nodes, List<Workload> workloads, StorageDriver driver,
            CarvingPolicy policy) {
        List<NodeStorage> nodeList = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        List<Workload> workloadList = List.copyOf(Objects.requireNonNull(workloads, "workloads"));
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(policy, "policy");
        checkNodes(nodeList);
        checkWorkloads(workloadList);
        Cluster cluster = new Cluster(nodeList, policy.reserve().bytes());
        List<Demand> demands = demands(workloadList, driver, cluster);
        Packer packer = new Packer(cluster, demands, workloadList.size(), policy.spread());
        Layout layout = packer.best();
        Layout empty = new Layout(cluster, demands.size(), workloadList.size(), policy.spread());
        return new CarvingPlan(cluster, workloadList, demands, layout, empty, driver, policy);
    }

    private static List<Demand> demands(List<Workload> workloads, StorageDriver driver, Cluster cluster) {
        List<Demand> demands = new ArrayList<>();
        for (int w = 0; w < workloads.size(); w++) {
            Workload wl = workloads.get(w);
            if (wl.claims().isEmpty()) {
                continue;
            }
            for (int i = 0; i < wl.replicas(); i++) {
                demands.add(new Demand(demands.size(), w, wl, i, driver, cluster.shapes));
            }
        }
        return demands;
    }

    private static void checkNodes(List<NodeStorage> nodes) {
        Set<String> seen = new HashSet<>();
        for (NodeStorage n : nodes) {
            if (!seen.add(Objects.requireNonNull(n, "node").node())) {
                throw new IllegalArgumentException("node " + n.node() + " is listed twice (expected each node once)");
            }
        }
    }

    private static void checkWorkloads(List<Workload> workloads) {
        Set<String> names = new HashSet<>();
        Set<String> claims = new HashSet<>();
        long count = 0;
        for (Workload w : workloads) {
            Objects.requireNonNull(w, "workload");
            count += w.claimCount();
            if (count > MAX_CLAIMS) {
                throw new GantryException("the workloads hold more than " + MAX_CLAIMS + " claims; plan them in"
                        + " smaller batches");
            }
            if (!names.add(w.namespace() + "/" + w.name())) {
                throw new IllegalArgumentException("workload " + w.namespace() + "/" + w.name()
                        + " is listed twice (expected each namespace/name once)");
            }
            for (int i = 0; i < w.replicas(); i++) {
                for (ClaimSpec c : w.claims()) {
                    String claim = w.namespace() + "/" + w.claimName(c, i);
                    if (!claims.add(claim)) {
                        throw new IllegalArgumentException("claim " + claim + " is wanted twice (by " + w.name()
                                + " and an earlier workload); Kubernetes would give both pods one volume");
                    }
                }
            }
        }
    }
}
