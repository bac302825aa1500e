package dev.gantry.benchmarks;

import dev.gantry.core.ByteSize;
import dev.gantry.core.storage.CarvingPlan;
import dev.gantry.core.storage.CarvingPlanner;
import dev.gantry.core.storage.CarvingPolicy;
import dev.gantry.core.storage.ClaimSpec;
import dev.gantry.core.storage.NodeStorage;
import dev.gantry.core.storage.Placement;
import dev.gantry.core.storage.Pool;
import dev.gantry.core.storage.StorageDriver;
import dev.gantry.core.storage.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Plans {@code nodes} nodes and {@code claims} claims with {@link CarvingPlanner} and, on the same
 * input in the same run, with a textbook first-fit-decreasing (a linear scan over the nodes for every
 * pod), and prints one Markdown table: time, claims and bytes placed by each.
 *
 * <p>Usage: {@code CarvingBench [nodes] [claims] [seed]}; defaults 10000, 200000, 42. The input: nodes
 * in 20 racks with one or two volume groups of 2 to 8 TiB (a third striped over 2 disks, a quarter on
 * md raid0); StatefulSets of 3 replicas with a data claim (20 to 400 GiB) and a WAL claim (1 to 20
 * GiB), until the claims are counted; demand is about 102% of the capacity, so not everything fits and packing matters.
 * TopoLVM rounding, a 10 GiB reserve per pool, replicas on different nodes.
 */
public final class CarvingBench {

    private static final long GIB = 1L << 30;

    private CarvingBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args nodes, claims, seed
     */
    public static void main(String[] args) {
        int nodeCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int claimCount = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Random random = new Random(seed);
        List<NodeStorage> nodes = nodes(random, nodeCount);
        List<Workload> workloads = workloads(random, claimCount, nodes);
        StorageDriver driver = StorageDriver.topolvm();
        CarvingPolicy policy = CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi"));

        // Warm-up on a tenth of the input, so both run compiled code.
        CarvingPlanner.plan(nodes.subList(0, nodeCount / 10), workloads.subList(0, workloads.size() / 10), driver,
                policy);
        FirstFit.plan(nodes.subList(0, nodeCount / 10), workloads.subList(0, workloads.size() / 10), driver, policy);

        long t0 = System.nanoTime();
        CarvingPlan plan = CarvingPlanner.plan(nodes, workloads, driver, policy);
        long t1 = System.nanoTime();
        long[] ffd = FirstFit.plan(nodes, workloads, driver, policy);
        long t2 = System.nanoTime();

        long bytes = 0;
        for (Placement p : plan.placements()) {
            bytes += p.requested().bytes();
        }
        long demand = 0;
        for (Workload w : workloads) {
            for (ClaimSpec c : w.claims()) {
                demand += c.size().bytes() * w.replicas();
            }
        }
        long capacity = 0;
        for (NodeStorage n : nodes) {
            capacity += n.free().bytes();
        }
        System.out.printf("input: %d nodes, %d claims in %d StatefulSets; capacity %d GiB, demand %d GiB%n",
                nodeCount, claimCount, workloads.size(), capacity / GIB, demand / GIB);
        System.out.println("| planner | time (s) | claims placed | GiB placed | time vs FFD | bytes vs FFD |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        double planner = (t1 - t0) / 1e9;
        double baseline = (t2 - t1) / 1e9;
        System.out.printf("| CarvingPlanner | %.2f | %d | %d | %.2f | %.4f |%n", planner, plan.placements().size(),
                bytes / GIB, planner / baseline, (double) bytes / ffd[1]);
        System.out.printf("| first-fit-decreasing, linear scan | %.2f | %d | %d | 1.00 | 1.0000 |%n", baseline,
                ffd[0], ffd[1] / GIB);
    }

    private static List<NodeStorage> nodes(Random random, int count) {
        List<NodeStorage> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            NodeStorage n = NodeStorage.of("node-" + i, "rack-" + (i % 20));
            int pools = 1 + random.nextInt(2);
            for (int p = 0; p < pools; p++) {
                Pool pool = Pool.of("vg" + p, ByteSize.ofBytes((2 + random.nextInt(7)) * 1024 * GIB));
                int kind = random.nextInt(12);
                pool = kind < 4 ? pool.striped(2) : kind < 7 ? pool.onRaid0() : pool;
                n = n.withPool(pool);
            }
            nodes.add(n);
        }
        return nodes;
    }

    private static List<Workload> workloads(Random random, int claims, List<NodeStorage> nodes) {
        List<Workload> workloads = new ArrayList<>();
        long capacity = 0;
        for (NodeStorage n : nodes) {
            capacity += n.free().bytes();
        }
        double scale = 1.02 * capacity / (claims / 2.0 * (210 + 10.5) * GIB);
        for (int made = 0; made < claims; made += 6) {
            long data = (long) ((20 + random.nextInt(381)) * GIB * scale);
            long wal = (long) ((1 + random.nextInt(20)) * GIB * scale);
            workloads.add(Workload.statefulSet("ns-" + (made % 50), "db-" + made, 3)
                    .withClaim("data", ByteSize.ofBytes(data)).withClaim("wal", ByteSize.ofBytes(wal)));
        }
        return workloads;
    }

    /** First-fit-decreasing with a linear scan over the nodes for every pod, the baseline. */
    static final class FirstFit {

        private FirstFit() {}

        /** Returns {claims placed, requested bytes placed}. */
        static long[] plan(List<NodeStorage> nodes, List<Workload> workloads, StorageDriver driver,
                CarvingPolicy policy) {
            record Pod(int order, Workload workload, long total) {}
            List<Pod> pods = new ArrayList<>();
            for (Workload w : workloads) {
                long total = 0;
                for (ClaimSpec c : w.claims()) {
                    total += c.size().bytes();
                }
                for (int i = 0; i < w.replicas(); i++) {
                    pods.add(new Pod(pods.size(), w, total));
                }
            }
            pods.sort(Comparator.comparingLong((Pod p) -> -p.total()).thenComparingInt(Pod::order));
            long[][] room = new long[nodes.size()][];
            for (int n = 0; n < nodes.size(); n++) {
                room[n] = nodes.get(n).pools().stream()
                        .mapToLong(p -> Math.max(0, p.free().bytes() - policy.reserve().bytes())).toArray();
            }
            java.util.Map<Workload, Set<Integer>> used = new java.util.IdentityHashMap<>();
            long claims = 0;
            long bytes = 0;
            for (Pod pod : pods) {
                Set<Integer> taken = used.computeIfAbsent(pod.workload(), k -> new HashSet<>());
                for (int n = 0; n < nodes.size(); n++) {
                    if (taken.contains(n)) {
                        continue;
                    }
                    long[] left = room[n].clone();
                    if (fits(pod.workload().claims(), nodes.get(n).pools(), left, driver)) {
                        room[n] = left;
                        taken.add(n);
                        claims += pod.workload().claims().size();
                        bytes += pod.total();
                        break;
                    }
                }
            }
            return new long[] {claims, bytes};
        }

        private static boolean fits(List<ClaimSpec> claims, List<Pool> pools, long[] left, StorageDriver driver) {
            List<ClaimSpec> ordered = new ArrayList<>(claims);
            ordered.sort(Comparator.comparing(ClaimSpec::size).reversed());
            for (ClaimSpec c : ordered) {
                boolean done = false;
                for (int p = 0; p < pools.size() && !done; p++) {
                    long a = driver.allocate(c.size(), pools.get(p)).bytes();
                    if (a <= left[p]) {
                        left[p] -= a;
                        done = true;
                    }
                }
                if (!done) {
                    return false;
                }
            }
            return true;
        }
    }
}
