package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The textbook first-fit-decreasing baseline, written independently of the planner for comparison:
 * pods in decreasing order of their claims' total request (ties in input order), each on the first
 * node in list order where all its claims fit at once (pool-bound claims first, then largest first,
 * each into the first pool with room for its rounded size), within the reserve and the spread.
 */
final class FirstFitDecreasing {

    record Pod(int order, Workload workload, int ordinal, long total) {}

    private FirstFitDecreasing() {}

    /** Returns the requested bytes placed. */
    static long placedBytes(List<NodeStorage> nodes, List<Workload> workloads, StorageDriver driver,
            CarvingPolicy policy) {
        List<Pod> pods = new ArrayList<>();
        for (Workload w : workloads) {
            long total = w.claims().stream().mapToLong(c -> c.size().bytes()).sum();
            for (int i = 0; i < w.replicas() && !w.claims().isEmpty(); i++) {
                pods.add(new Pod(pods.size(), w, i, total));
            }
        }
        pods.sort(Comparator.comparingLong((Pod p) -> -p.total()).thenComparingInt(Pod::order));
        List<long[]> room = new ArrayList<>();
        for (NodeStorage n : nodes) {
            room.add(n.pools().stream().mapToLong(p -> Math.max(0, p.free().bytes() - policy.reserve().bytes()))
                    .toArray());
        }
        Map<Workload, Set<String>> usedNodes = new HashMap<>();
        Map<Workload, Set<String>> usedDomains = new HashMap<>();
        long placed = 0;
        for (Pod pod : pods) {
            Set<String> wn = usedNodes.computeIfAbsent(pod.workload(), k -> new HashSet<>());
            Set<String> wd = usedDomains.computeIfAbsent(pod.workload(), k -> new HashSet<>());
            for (int n = 0; n < nodes.size(); n++) {
                NodeStorage node = nodes.get(n);
                if (policy.spread() != Spread.NONE && wn.contains(node.node())
                        || policy.spread() == Spread.FAILURE_DOMAIN && wd.contains(node.failureDomain())) {
                    continue;
                }
                long[] left = room.get(n).clone();
                if (fits(pod.workload().claims(), node, left, driver)) {
                    room.set(n, left);
                    wn.add(node.node());
                    wd.add(node.failureDomain());
                    placed += pod.total();
                    break;
                }
            }
        }
        return placed;
    }

    private static boolean fits(List<ClaimSpec> claims, NodeStorage node, long[] left, StorageDriver driver) {
        List<ClaimSpec> ordered = claims.stream().sorted(Comparator.comparing((ClaimSpec c) -> c.pool().isEmpty())
                .thenComparing(ClaimSpec::size, Comparator.reverseOrder())).toList();
        for (ClaimSpec c : ordered) {
            boolean done = false;
            for (int p = 0; p < node.pools().size() && !done; p++) {
                Pool pool = node.pools().get(p);
                if (c.pool().isPresent() && !c.pool().get().equals(pool.name())) {
                    continue;
                }
                long a = allocate(driver, c.size(), pool);
                if (a >= 0 && a <= left[p]) {
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

    private static long allocate(StorageDriver driver, ByteSize size, Pool pool) {
        try {
            return driver.allocate(size, pool).bytes();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
