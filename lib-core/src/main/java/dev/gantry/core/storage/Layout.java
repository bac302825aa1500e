package dev.gantry.core.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The packer's state: the room left in every pool, which pods went where, and which nodes and
 * failure domains each workload already uses. Not thread-safe.
 */
final class Layout {

    final Cluster cluster;
    final long[][] room;
    final long[] maxRoom;
    final int[] nodeOf;
    final int[][] poolOf;
    final long[][] allocOf;
    private final List<Set<Integer>> workloadNodes;
    private final List<Set<Integer>> workloadDomains;
    private final Spread spread;
    long placedBytes;
    long placedClaims;

    Layout(Cluster cluster, int demands, int workloads, Spread spread) {
        this.cluster = cluster;
        this.room = cluster.copyRoom();
        this.maxRoom = new long[cluster.size];
        for (int n = 0; n < cluster.size; n++) {
            maxRoom[n] = max(room[n]);
        }
        this.nodeOf = new int[demands];
        Arrays.fill(nodeOf, -1);
        this.poolOf = new int[demands][];
        this.allocOf = new long[demands][];
        this.spread = spread;
        this.workloadNodes = new ArrayList<>(workloads);
        this.workloadDomains = new ArrayList<>(workloads);
        for (int w = 0; w < workloads; w++) {
            workloadNodes.add(new HashSet<>());
            workloadDomains.add(new HashSet<>());
        }
    }

    /** Whether the spread policy lets demand {@code d} go to node {@code n}. */
    boolean spreadAllows(Demand d, int n) {
        if (spread == Spread.NONE) {
            return true;
        }
        if (workloadNodes.get(d.workload).contains(n)) {
            return false;
        }
        return spread != Spread.FAILURE_DOMAIN || !workloadDomains.get(d.workload).contains(cluster.domain[n]);
    }

    /**
     * Chooses a pool on node {@code n} for every claim of {@code d}, all at once, or returns {@code null}
     * when they do not fit together; {@code bestPool} picks the tightest pool, else the first.
     */
    int[] fit(Demand d, int n, boolean bestPool) {
        long[] left = room[n].clone();
        int[] choice = new int[d.size()];
        for (int c = 0; c < d.size(); c++) {
            int p = d.pools[c] != null ? fixedPool(d, c, n, left) : freePool(d, c, n, left, bestPool);
            if (p < 0) {
                return null;
            }
            left[p] -= d.alloc[c][cluster.shape[n][p]];
            choice[c] = p;
        }
        return choice;
    }

    /** Whether claim {@code c} of {@code d} alone fits some pool of node {@code n}. */
    boolean fitsAlone(Demand d, int c, int n) {
        long[] left = room[n];
        return (d.pools[c] != null ? fixedPool(d, c, n, left) : freePool(d, c, n, left, false)) >= 0;
    }

    void commit(Demand d, int n, int[] choice) {
        long[] alloc = new long[choice.length];
        for (int c = 0; c < choice.length; c++) {
            alloc[c] = d.alloc[c][cluster.shape[n][choice[c]]];
            room[n][choice[c]] -= alloc[c];
            placedBytes = Sizes.saturatedAdd(placedBytes, d.requests[c]);
        }
        placedClaims += choice.length;
        maxRoom[n] = max(room[n]);
        nodeOf[d.index] = n;
        poolOf[d.index] = choice;
        allocOf[d.index] = alloc;
        workloadNodes.get(d.workload).add(n);
        workloadDomains.get(d.workload).add(cluster.domain[n]);
    }

    Set<Integer> nodesOf(int workload) {
        return workloadNodes.get(workload);
    }

    private int fixedPool(Demand d, int c, int n, long[] left) {
        int p = cluster.poolIndex(n, d.pools[c]);
        if (p < 0) {
            return -1;
        }
        long a = d.alloc[c][cluster.shape[n][p]];
        return a >= 0 && a <= left[p] ? p : -1;
    }

    private int freePool(Demand d, int c, int n, long[] left, boolean best) {
        int chosen = -1;
        long slack = Long.MAX_VALUE;
        for (int p = 0; p < left.length; p++) {
            long a = d.alloc[c][cluster.shape[n][p]];
            if (a < 0 || a > left[p]) {
                continue;
            }
            if (!best) {
                return p;
            }
            if (left[p] - a < slack) {
                slack = left[p] - a;
                chosen = p;
            }
        }
        return chosen;
    }

    private static long max(long[] values) {
        long m = Long.MIN_VALUE;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
