package dev.gantry.k8s.controlplane;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the audit read from the API server; the shape and the live rules work on this alone. */
record ClusterFacts(
        List<ClusterNode> nodes,
        List<String> apiServerAddresses,
        Optional<String> kubeadmEndpoint,
        Optional<String> clusterInfoServer,
        List<String> etcdPodNodes,
        List<String> etcdServers,
        List<LeaderLease> leases,
        Instant readAt) {

    ClusterFacts {
        nodes = List.copyOf(nodes);
        apiServerAddresses = List.copyOf(apiServerAddresses);
        etcdPodNodes = List.copyOf(etcdPodNodes);
        etcdServers = List.copyOf(etcdServers);
        leases = List.copyOf(leases);
    }

    /** The nodes with a control-plane (or legacy master) role label. */
    List<ClusterNode> masters() {
        return nodes.stream().filter(ClusterNode::controlPlane).toList();
    }

    /** The endpoint text kubeadm-config names, else the server cluster-info names. */
    Optional<String> endpoint() {
        return kubeadmEndpoint.or(this::clusterInfoServer);
    }

    /**
     * A node: its name, failure domain, readiness, addresses, and whether it carries the
     * control-plane and etcd role labels.
     */
    record ClusterNode(String name, String zone, boolean ready, List<String> addresses, boolean controlPlane,
            boolean etcd) {

        ClusterNode {
            addresses = List.copyOf(addresses);
        }
    }

    /** A leader-election lease of a control-plane component. */
    record LeaderLease(String component, String holder, Optional<Instant> renewedAt, long durationSeconds) {
    }
}
