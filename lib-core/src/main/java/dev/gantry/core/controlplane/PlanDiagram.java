package dev.gantry.core.controlplane;

import dev.gantry.core.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a plan as a Mermaid flowchart: one subgraph per failure domain with its masters (and
 * external etcd members), and an arrow from every master to the endpoint.
 */
final class PlanDiagram {

    private PlanDiagram() {}

    static String draw(Topology t) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        Map<String, List<String>> domains = new LinkedHashMap<>();
        List<String> masterIds = new ArrayList<>();
        for (int i = 0; i < t.masters().size(); i++) {
            Machine m = t.masters().get(i);
            String id = "m" + i;
            masterIds.add(id);
            domains.computeIfAbsent(m.failureDomain(), d -> new ArrayList<>())
                    .add(id + "[\"" + m.name() + "<br/>" + m.address() + "\"]");
        }
        if (!t.stacked()) {
            for (int i = 0; i < t.etcdMachines().size(); i++) {
                Machine m = t.etcdMachines().get(i);
                domains.computeIfAbsent(m.failureDomain(), d -> new ArrayList<>())
                        .add("e" + i + "[(\"etcd " + m.name() + "\")]");
            }
        }
        int d = 0;
        for (Map.Entry<String, List<String>> domain : domains.entrySet()) {
            sb.append("  subgraph d").append(d++).append("[\"").append(domain.getKey()).append("\"]\n");
            domain.getValue().forEach(node -> sb.append("    ").append(node).append('\n'));
            sb.append("  end\n");
        }
        sb.append("  ep([\"").append(endpointLabel(t)).append("\"])\n");
        masterIds.forEach(id -> sb.append("  ").append(id).append(" --> ep\n"));
        return sb.toString();
    }

    private static String endpointLabel(Topology t) {
        String endpoint = t.spec().endpoint().map(ApiEndpoint::url).orElse("no endpoint");
        return t.spec().vip().map(v -> endpoint + "<br/>VIP " + v.address()).orElse(endpoint);
    }
}
