package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a plan as a Mermaid flowchart: failure domains holding nodes, nodes holding pools, claims
 * hanging off their pool. Large plans are cut to {@value #MAX_NODES} nodes (those with claims first)
 * and {@value #MAX_CLAIMS_PER_POOL} claims per pool, with a count of the rest.
 */
final class PlanDiagram {

    static final int MAX_NODES = 30;
    static final int MAX_CLAIMS_PER_POOL = 8;

    private final Cluster cluster;
    private final Map<Integer, Map<Integer, List<Placement>>> byNodePool = new LinkedHashMap<>();
    private final long unplaced;

    PlanDiagram(Cluster cluster, List<Placement> placements, long unplaced) {
        this.cluster = cluster;
        this.unplaced = unplaced;
        for (Placement p : placements) {
            int n = cluster.indexOf(p.node());
            byNodePool.computeIfAbsent(n, k -> new LinkedHashMap<>())
                    .computeIfAbsent(cluster.poolIndex(n, p.pool()), k -> new ArrayList<>()).add(p);
        }
    }

    String render() {
        List<Integer> shown = shownNodes();
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        List<String> edges = new ArrayList<>();
        for (int d = 0; d < cluster.domains.size(); d++) {
            List<Integer> inDomain = new ArrayList<>();
            for (int n : shown) {
                if (cluster.domain[n] == d) {
                    inDomain.add(n);
                }
            }
            if (inDomain.isEmpty()) {
                continue;
            }
            sb.append("  subgraph d").append(d).append("[\"").append(label("domain " + cluster.domains.get(d)))
                    .append("\"]\n");
            for (int n : inDomain) {
                node(sb, edges, n);
            }
            sb.append("  end\n");
        }
        edges.forEach(e -> sb.append(e).append('\n'));
        if (shown.size() < cluster.size) {
            sb.append("  more[\"").append(cluster.size - shown.size()).append(" more nodes not drawn\"]\n");
        }
        if (unplaced > 0) {
            sb.append("  unplaced[\"").append(unplaced).append(" claims not placed\"]\n");
            sb.append("  style unplaced fill:#f88,stroke:#a00\n");
        }
        return sb.toString();
    }

    private void node(StringBuilder sb, List<String> edges, int n) {
        sb.append("    subgraph n").append(n).append("[\"").append(label("node " + cluster.nodes.get(n).node()))
                .append("\"]\n");
        Map<Integer, List<Placement>> pools = byNodePool.getOrDefault(n, Map.of());
        for (int p = 0; p < cluster.pools[n].length; p++) {
            Pool pool = cluster.pools[n][p];
            List<Placement> claims = pools.getOrDefault(p, List.of());
            long used = 0;
            for (Placement c : claims) {
                used = Sizes.saturatedAdd(used, c.allocated().bytes());
            }
            String id = "n" + n + "p" + p;
            sb.append("      ").append(id).append("[(\"").append(label(pool.name() + ": " + ByteSize.ofBytes(used)
                    + " of " + pool.free() + (pool.isRaid0() ? ", RAID-0" : ""))).append("\")]\n");
            claims(edges, id, claims);
        }
        sb.append("    end\n");
    }

    private void claims(List<String> edges, String pool, List<Placement> claims) {
        for (int i = 0; i < claims.size() && i < MAX_CLAIMS_PER_POOL; i++) {
            Placement c = claims.get(i);
            edges.add("  " + pool + " --- " + pool + "c" + i + "[\"" + label(c.namespace() + "/" + c.claim() + " "
                    + c.allocated()) + "\"]");
        }
        if (claims.size() > MAX_CLAIMS_PER_POOL) {
            edges.add("  " + pool + " --- " + pool + "more[\"" + (claims.size() - MAX_CLAIMS_PER_POOL)
                    + " more claims\"]");
        }
    }

    private List<Integer> shownNodes() {
        List<Integer> shown = new ArrayList<>();
        for (int n : byNodePool.keySet()) {
            if (shown.size() < MAX_NODES) {
                shown.add(n);
            }
        }
        for (int n = 0; n < cluster.size && shown.size() < MAX_NODES; n++) {
            if (!byNodePool.containsKey(n)) {
                shown.add(n);
            }
        }
        shown.sort(Integer::compare);
        return shown;
    }

    private static String label(String text) {
        return text.replace("\"", "#quot;");
    }
}
