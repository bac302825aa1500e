package dev.gantry.k8s.controlplane;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the audit read from the API server; the rules work on this alone. */
record ClusterFacts(
        List<MasterNode> masters,
        List<String> apiServerAddresses,
        Optional<String> kubeadmEndpoint,
        Optional<String> clusterInfoServer,
        List<String> etcdPodNodes,
        List<LeaderLease> leases,
        Instant readAt) {

    /** A control-plane node: its name, failure domain, readiness and addresses. */
    record MasterNode(String name, String zone, boolean ready, List<String> addresses) {
    }

    /** A leader-election lease of a control-plane component. */
    record LeaderLease(String component, String holder, Optional<Instant> renewedAt, long durationSeconds) {
    }
}
