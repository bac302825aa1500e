package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.etcd.Quorum;
import java.util.List;
import java.util.Map;

/** The INFO findings that open a plan's report: quorum, failure-domain spread and endpoint. */
final class PlanSummary {

    static final String QUORUM = "HA-QUORUM";
    static final String SPREAD = "HA-SPREAD";
    static final String ENDPOINT = "HA-ENDPOINT";

    private PlanSummary() {}

    static List<Finding> of(Topology t) {
        String subject = QuorumRules.subject(t);
        int n = t.voters().size();
        String quorum = n == 0
                ? "no voting etcd members " + QuorumRules.voterKind(t)
                : n + " voting etcd members " + QuorumRules.voterKind(t) + ": quorum " + Quorum.of(n).size()
                        + ", tolerates " + Quorum.of(n).tolerates() + " failure(s)";
        Map<String, List<String>> domains = QuorumRules.byDomain(t.voters());
        String spread = n + " voting members in " + domains.size() + " failure domain(s): "
                + (domains.isEmpty() ? "none" : QuorumRules.describe(domains));
        return List.of(
                Finding.info(QUORUM, subject, quorum),
                Finding.info(SPREAD, subject, spread),
                Finding.info(ENDPOINT, EndpointRules.SUBJECT, endpoint(t)));
    }

    private static String endpoint(Topology t) {
        String how = t.spec().vip()
                .map(v -> "keepalived VIP " + v.address() + " on " + v.networkInterface() + " with HAProxy on each of "
                        + t.masters().size() + " masters")
                .orElse("a load balancer or DNS name outside the plan (no LB files rendered)");
        if (t.spec().endpoint().isPresent()) {
            return t.spec().endpoint().get().url() + " via " + how;
        }
        return t.masters().isEmpty()
                ? "none, and no control-plane machine"
                : "none; nodes join through the first master at " + t.joinAddress();
    }
}
