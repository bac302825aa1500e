package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Explains why a pod was left out: a claim that fits no pool ({@code CARVE-NO-FIT}), claims that
 * each fit somewhere but not together ({@code CARVE-JOINT-NO-FIT}), or a pod that would fit only next
 * to another replica ({@code CARVE-REPLICAS-SHARE-NODE} / {@code -DOMAIN}). Judged against the room
 * left once the plan's other pods are placed.
 */
final class Diagnosis {

    private final Layout layout;
    private final Layout empty;
    private final MaxTree left;
    private final MaxTree initial;
    private final Spread spread;

    Diagnosis(Layout layout, Layout empty, Spread spread) {
        this.layout = layout;
        this.empty = empty;
        this.left = new MaxTree(layout.maxRoom);
        this.initial = new MaxTree(empty.maxRoom);
        this.spread = spread;
    }

    List<Finding> explain(Demand d) {
        List<Finding> findings = new ArrayList<>();
        for (int c = 0; c < d.size(); c++) {
            if (firstAlone(layout, left, d, c) < 0) {
                findings.add(noFit(d, c, firstAlone(empty, initial, d, c) >= 0));
            }
        }
        if (!findings.isEmpty()) {
            return findings;
        }
        int holder = firstJoint(d);
        if (holder < 0 || spread == Spread.NONE) {
            return List.of(Finding.fail("CARVE-JOINT-NO-FIT", subject(d, d.pod), "each claim of pod " + d.pod
                    + " (" + String.join(", ", d.claims) + ", " + ByteSize.ofBytes(d.total) + " in all) fits some"
                    + " node alone, but no node has room for all of them together; the scheduler would bind"
                    + " some and leave the rest Pending (kubernetes#111755)",
                    "add room on one node, move claims to another pool, or make the pod's claims smaller"));
        }
        return List.of(shared(d));
    }

    private Finding noFit(Demand d, int c, boolean fitsWhenEmpty) {
        String where = d.pools[c] == null ? "any pool" : "pool " + d.pools[c];
        String why = fitsWhenEmpty ? "the plan's other claims take the room it would need"
                : d.pools[c] != null && !anyNodeHas(d.pools[c]) ? "no node has pool " + d.pools[c]
                : "no " + where + " is large enough even on an empty node";
        return Finding.fail("CARVE-NO-FIT", subject(d, d.claims[c]), "claim " + d.claims[c] + " of pod " + d.pod
                + " (" + ByteSize.ofBytes(d.requests[c]) + ") fits " + where + " on no node after the reserve"
                + " and rounding: " + why, "add capacity to " + where + ", lower the reserve, or request less");
    }

    private Finding shared(Demand d) {
        TreeSet<String> used = new TreeSet<>();
        for (int n : layout.nodesOf(d.workload)) {
            used.add(spread == Spread.FAILURE_DOMAIN ? layout.cluster.nodes.get(n).failureDomain()
                    : layout.cluster.nodes.get(n).node());
        }
        String name = d.source.namespace() + "/" + d.source.name();
        if (spread == Spread.FAILURE_DOMAIN) {
            return Finding.fail("CARVE-REPLICAS-SHARE-DOMAIN", subject(d, d.pod), "pod " + d.pod + " of " + name
                    + " fits only in failure domains that already hold a replica (" + String.join(", ", used)
                    + "); it was left out to keep replicas in different domains",
                    "add room in another failure domain or run fewer replicas");
        }
        return Finding.fail("CARVE-REPLICAS-SHARE-NODE", subject(d, d.pod), "pod " + d.pod + " of " + name
                + " fits only on nodes that already hold a replica (" + String.join(", ", used)
                + "); it was left out to keep replicas on different nodes",
                "add room on another node or run fewer replicas");
    }

    private int firstAlone(Layout l, MaxTree tree, Demand d, int c) {
        for (int n = tree.first(0, d.requests[c]); n >= 0; n = tree.first(n + 1, d.requests[c])) {
            if (l.fitsAlone(d, c, n)) {
                return n;
            }
        }
        return -1;
    }

    private int firstJoint(Demand d) {
        for (int n = left.first(0, d.largest); n >= 0; n = left.first(n + 1, d.largest)) {
            if (layout.fit(d, n, true) != null) {
                return n;
            }
        }
        return -1;
    }

    private boolean anyNodeHas(String pool) {
        return layout.cluster.poolNames.contains(pool);
    }

    static String subject(Demand d, String name) {
        return d.source.namespace() + "/" + name;
    }
}
