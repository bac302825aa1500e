package dev.gantry.core.storage;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Places pods (all claims of one pod on one node) in decreasing order of size, twice: first fit
 * (each pod on the first node in list order where it fits, claims into the first pool with room:
 * the textbook first-fit-decreasing) and best fit (each pod on the node whose largest pool has the
 * least room that still fits, claims into the tightest pool). The layout that places more bytes
 * wins (then more claims, then first fit), so the plan never places less than first-fit-decreasing.
 */
final class Packer {

    private final Cluster cluster;
    private final List<Demand> ordered;
    private final int demands;
    private final int workloads;
    private final Spread spread;

    Packer(Cluster cluster, List<Demand> demands, int workloads, Spread spread) {
        this.cluster = cluster;
        this.ordered = demands.stream().sorted(Demand.DECREASING).toList();
        this.demands = demands.size();
        this.workloads = workloads;
        this.spread = spread;
    }

    Layout best() {
        Layout first = firstFit();
        Layout best = bestFit();
        if (best.placedBytes > first.placedBytes
                || best.placedBytes == first.placedBytes && best.placedClaims > first.placedClaims) {
            return best;
        }
        return first;
    }

    Layout firstFit() {
        Layout layout = new Layout(cluster, demands, workloads, spread);
        MaxTree tree = new MaxTree(layout.maxRoom);
        for (Demand d : ordered) {
            for (int n = tree.first(0, d.largest); n >= 0; n = tree.first(n + 1, d.largest)) {
                int[] choice = layout.spreadAllows(d, n) ? layout.fit(d, n, false) : null;
                if (choice != null) {
                    layout.commit(d, n, choice);
                    tree.set(n, layout.maxRoom[n]);
                    break;
                }
            }
        }
        return layout;
    }

    Layout bestFit() {
        Layout layout = new Layout(cluster, demands, workloads, spread);
        int probe = cluster.size;
        long[] key = Arrays.copyOf(layout.maxRoom, cluster.size + 1);
        TreeSet<Integer> byRoom = new TreeSet<>(Comparator.comparingLong((Integer n) -> key[n])
                .thenComparingInt(n -> n == probe ? -1 : n));
        for (int n = 0; n < cluster.size; n++) {
            byRoom.add(n);
        }
        for (Demand d : ordered) {
            key[probe] = d.largest;
            for (Integer n : byRoom.tailSet(probe, false)) {
                int[] choice = layout.spreadAllows(d, n) ? layout.fit(d, n, true) : null;
                if (choice != null) {
                    byRoom.remove(n);
                    layout.commit(d, n, choice);
                    key[n] = layout.maxRoom[n];
                    byRoom.add(n);
                    break;
                }
            }
        }
        return layout;
    }
}
