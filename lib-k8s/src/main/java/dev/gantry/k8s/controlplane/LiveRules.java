package dev.gantry.k8s.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.etcd.Quorum;
import dev.gantry.k8s.controlplane.AuditShape.EtcdSource;
import dev.gantry.k8s.controlplane.ClusterFacts.ClusterNode;
import dev.gantry.k8s.controlplane.ClusterFacts.LeaderLease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rules about a running control plane's state, which a plan cannot break: nodes Ready, API
 * server endpoints current, etcd pods where the masters are, leader leases renewed. The rules about
 * its shape are {@link dev.gantry.core.controlplane.HaRules}. Pure: no API calls, no clock.
 */
final class LiveRules {

    static final String SUBJECT = "control plane";
    static final String API_SLICE = "default/kubernetes";

    private final ClusterFacts facts;
    private final AuditShape shape;
    private final List<Finding> findings = new ArrayList<>();

    private LiveRules(ClusterFacts facts, AuditShape shape) {
        this.facts = facts;
        this.shape = shape;
    }

    /** The findings about the visible masters' state; call only when there are masters. */
    static List<Finding> check(ClusterFacts facts, AuditShape shape) {
        LiveRules rules = new LiveRules(facts, shape);
        rules.readiness();
        rules.apiServerEndpoints();
        rules.etcd();
        rules.unreadableEndpoint();
        return List.copyOf(rules.findings);
    }

    /** The finding for a cluster whose control-plane nodes are hidden, as on managed clusters. */
    static Finding hidden() {
        return Finding.info("HA-CONTROL-PLANE-HIDDEN", SUBJECT, "no node carries a control-plane role label: a"
                + " managed control plane, whose HA the provider owns, or role labels were removed");
    }

    /** One finding per leader lease: renewed within its duration, or nobody leads. */
    static List<Finding> leases(ClusterFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (LeaderLease lease : facts.leases()) {
            Optional<Instant> expires = lease.renewedAt().map(t -> t.plus(Duration.ofSeconds(lease.durationSeconds())));
            if (lease.holder().isEmpty() || expires.isEmpty() || expires.get().isBefore(facts.readAt())) {
                findings.add(Finding.fail("HA-LEADER-LEASE-EXPIRED", lease.component(), "no live leader: holder '"
                        + lease.holder() + "', lease renewed " + lease.renewedAt().map(Instant::toString).orElse("never"),
                        "check the " + lease.component() + " pods on every control-plane node"));
            } else {
                findings.add(Finding.pass("HA-LEADER-LEASE", lease.component(), "led by " + lease.holder()));
            }
        }
        return findings;
    }

    private int count() {
        return facts.masters().size();
    }

    private void readiness() {
        List<String> notReady = facts.masters().stream().filter(m -> !m.ready()).map(ClusterNode::name).toList();
        for (String name : notReady) {
            findings.add(Finding.fail("HA-NODE-NOT-READY", name, "control-plane node is not Ready",
                    "check kubelet and the node's conditions: kubectl describe node " + name));
        }
        int ready = count() - notReady.size();
        int quorum = Quorum.of(count()).size();
        if (!notReady.isEmpty() && ready < quorum) {
            findings.add(Finding.fail("HA-QUORUM-AT-RISK", SUBJECT, "only " + ready + " of " + count()
                    + " control-plane nodes are Ready, below the quorum of " + quorum,
                    "bring the NotReady control-plane nodes back before any maintenance"));
        }
    }

    private void apiServerEndpoints() {
        Set<String> masterAddresses = facts.masters().stream().flatMap(m -> m.addresses().stream())
                .collect(Collectors.toSet());
        List<String> stale = facts.apiServerAddresses().stream().filter(a -> !masterAddresses.contains(a)).toList();
        List<String> missing = facts.masters().stream()
                .filter(m -> m.addresses().stream().noneMatch(facts.apiServerAddresses()::contains))
                .map(ClusterNode::name).toList();
        if (!stale.isEmpty()) {
            findings.add(Finding.warn("HA-ENDPOINTS-STALE", API_SLICE, "EndpointSlice lists " + stale
                    + ", which belong to no control-plane node; in-cluster clients may be sent there",
                    "remove the stale addresses (left behind by a removed or restored master) or check"
                            + " --advertise-address on each API server"));
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.warn("HA-APISERVER-NOT-ENDPOINT", API_SLICE, "no API server endpoint for "
                    + missing, "check that kube-apiserver runs and is healthy on " + missing));
        }
        if (stale.isEmpty() && missing.isEmpty()) {
            findings.add(Finding.pass("HA-ENDPOINTS", API_SLICE, "one API server endpoint per control-plane node"));
        }
    }

    private void etcd() {
        if (shape.etcdSource() == EtcdSource.PODS) {
            etcdPods();
            return;
        }
        String message = switch (shape.etcdSource()) {
            case ROLE_LABELS -> "etcd is embedded in the servers with the etcd role label (k3s, RKE2), not in pods;"
                    + " the quorum rules count the control-plane nodes";
            case API_SERVER_FLAG -> "no etcd pods; the API servers use etcd at " + facts.etcdServers()
                    + ", which the quorum rules count";
            default -> "no etcd pods, etcd role labels or --etcd-servers flag visible: etcd is managed or hidden;"
                    + " the quorum rules assume it is stacked on the " + count() + " control-plane nodes";
        };
        findings.add(Finding.info("HA-ETCD-NOT-VISIBLE", "etcd", message + ". Check etcd's own health with"
                + " EtcdClusterCheck"));
    }

    private void etcdPods() {
        Set<String> withEtcd = new TreeSet<>(facts.etcdPodNodes());
        List<String> without = facts.masters().stream().map(ClusterNode::name).filter(n -> !withEtcd.contains(n))
                .toList();
        if (!without.isEmpty() || facts.etcdPodNodes().size() != count()) {
            findings.add(Finding.warn("HA-ETCD-MEMBERS-MISMATCH", "etcd", facts.etcdPodNodes().size()
                    + " stacked etcd pods for " + count() + " control-plane nodes" + (without.isEmpty() ? ""
                    : "; none on " + without), "compare etcd's member list with the nodes and remove stale"
                    + " members only when QuorumGuard allows it"));
        } else {
            findings.add(Finding.pass("HA-ETCD-MEMBERS", "etcd", "one stacked etcd pod per control-plane node"));
        }
    }

    private void unreadableEndpoint() {
        shape.unreadableEndpoint().ifPresent(text -> findings.add(Finding.warn("HA-ENDPOINT-UNREADABLE", SUBJECT,
                "the control-plane endpoint '" + text + "' in kubeadm-config or cluster-info is not host, host:port"
                        + " or an https URL, so it is counted as missing",
                "fix controlPlaneEndpoint in the kube-system/kubeadm-config ConfigMap")));
    }
}
