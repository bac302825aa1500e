package dev.gantry.k8s.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.etcd.Quorum;
import dev.gantry.k8s.controlplane.ClusterFacts.LeaderLease;
import dev.gantry.k8s.controlplane.ClusterFacts.MasterNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns {@link ClusterFacts} into findings. Pure: no API calls, no clock. */
final class ControlPlaneRules {

    static final String SUBJECT = "control plane";
    private static final int MAX_MEMBERS = 7;

    private final ClusterFacts facts;
    private final List<Finding> findings = new ArrayList<>();

    private ControlPlaneRules(ClusterFacts facts) {
        this.facts = facts;
    }

    static List<Finding> apply(ClusterFacts facts) {
        ControlPlaneRules rules = new ControlPlaneRules(facts);
        if (facts.masters().isEmpty()) {
            rules.findings.add(Finding.info("HA-CONTROL-PLANE-HIDDEN", SUBJECT, "no node carries a control-plane role"
                    + " label: a managed control plane, whose HA the provider owns, or role labels were removed"));
        } else {
            rules.members();
            rules.zones();
            rules.readiness();
            rules.apiServerEndpoints();
            rules.etcdPods();
        }
        rules.endpoint();
        rules.leases();
        return List.copyOf(rules.findings);
    }

    private int count() {
        return facts.masters().size();
    }

    private static int majority(int members) {
        return Quorum.of(members).size();
    }

    private void members() {
        int n = count();
        if (n < 3) {
            findings.add(Finding.fail("HA-TOO-FEW-MEMBERS", SUBJECT, n + " control-plane node" + (n == 1 ? "" : "s")
                    + " cannot lose one and keep the API and etcd quorum", "add control-plane nodes to reach 3"
                    + " (or 5), one per failure domain, joining them one at a time"));
        } else if (n > MAX_MEMBERS) {
            findings.add(Finding.warn("HA-TOO-MANY-MEMBERS", SUBJECT, n + " control-plane nodes: every etcd write"
                    + " waits for " + majority(n) + " of them", "run 5 or 7 control-plane nodes and let workers scale"));
        }
        if (n % 2 == 0) {
            boolean stacked = !facts.etcdPodNodes().isEmpty();
            String message = n + " control-plane nodes tolerate no more failures than " + (n - 1) + " do";
            String remedy = "add or remove one control-plane node to make the count odd";
            findings.add(stacked ? Finding.fail("HA-QUORUM-EVEN", SUBJECT, message + " and etcd is stacked on them",
                    remedy) : Finding.warn("HA-QUORUM-EVEN", SUBJECT, message, remedy));
        } else if (n >= 3) {
            findings.add(Finding.pass("HA-QUORUM", SUBJECT, n + " control-plane nodes keep quorum ("
                    + majority(n) + ") with " + Quorum.of(n).tolerates() + " down"));
        }
    }

    private void zones() {
        Map<String, List<String>> byZone = new TreeMap<>();
        facts.masters().forEach(m -> byZone.computeIfAbsent(m.zone(), z -> new ArrayList<>()).add(m.name()));
        int n = count();
        boolean broken = false;
        for (Map.Entry<String, List<String>> zone : byZone.entrySet()) {
            int left = n - zone.getValue().size();
            if (n > 1 && left < majority(n)) {
                broken = true;
                findings.add(Finding.fail("HA-ZONE-LOSS-BREAKS-QUORUM", "zone " + zone.getKey(), "losing it takes "
                        + zone.getValue() + " and leaves " + left + " of " + n + ", below the quorum of " + majority(n),
                        "spread control-plane nodes so no failure domain holds " + (n - majority(n) + 1)
                                + " or more; label nodes with " + ClusterFactsReader.ZONE_LABEL));
            }
        }
        if (!broken && n >= 3) {
            findings.add(Finding.pass("HA-ZONE-SPREAD", SUBJECT, "losing any one failure domain keeps quorum: "
                    + byZone.keySet()));
        }
    }

    private void readiness() {
        List<String> notReady = facts.masters().stream().filter(m -> !m.ready()).map(MasterNode::name).toList();
        for (String name : notReady) {
            findings.add(Finding.fail("HA-NODE-NOT-READY", name, "control-plane node is not Ready",
                    "check kubelet and the node's conditions: kubectl describe node " + name));
        }
        int ready = count() - notReady.size();
        if (!notReady.isEmpty() && ready < majority(count())) {
            findings.add(Finding.fail("HA-QUORUM-AT-RISK", SUBJECT, "only " + ready + " of " + count()
                    + " control-plane nodes are Ready, below the quorum of " + majority(count()),
                    "bring the NotReady control-plane nodes back before any maintenance"));
        }
    }

    private void apiServerEndpoints() {
        Set<String> masterAddresses = facts.masters().stream().flatMap(m -> m.addresses().stream())
                .collect(Collectors.toSet());
        List<String> stale = facts.apiServerAddresses().stream().filter(a -> !masterAddresses.contains(a)).toList();
        List<String> missing = facts.masters().stream()
                .filter(m -> m.addresses().stream().noneMatch(facts.apiServerAddresses()::contains))
                .map(MasterNode::name).toList();
        if (!stale.isEmpty()) {
            findings.add(Finding.warn("HA-ENDPOINTS-STALE", "default/kubernetes", "EndpointSlice lists " + stale
                    + ", which belong to no control-plane node; in-cluster clients may be sent there",
                    "remove the stale addresses (left behind by a removed or restored master) or check"
                            + " --advertise-address on each API server"));
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.warn("HA-APISERVER-NOT-ENDPOINT", "default/kubernetes", "no API server endpoint for "
                    + missing, "check that kube-apiserver runs and is healthy on " + missing));
        }
        if (stale.isEmpty() && missing.isEmpty()) {
            findings.add(Finding.pass("HA-ENDPOINTS", "default/kubernetes", "one API server endpoint per"
                    + " control-plane node"));
        }
    }

    private void etcdPods() {
        if (facts.etcdPodNodes().isEmpty()) {
            findings.add(Finding.info("HA-ETCD-NOT-VISIBLE", "etcd", "no etcd pods in kube-system: etcd is external,"
                    + " embedded (k3s) or managed; check it with EtcdClusterCheck"));
            return;
        }
        Set<String> withEtcd = new TreeSet<>(facts.etcdPodNodes());
        List<String> without = facts.masters().stream().map(MasterNode::name).filter(n -> !withEtcd.contains(n))
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

    private void endpoint() {
        Optional<String> endpoint = facts.kubeadmEndpoint().or(facts::clusterInfoServer);
        if (endpoint.isEmpty()) {
            if (!facts.masters().isEmpty()) {
                findings.add(Finding.fail("HA-ENDPOINT-MISSING", SUBJECT, "neither kubeadm-config nor cluster-info"
                        + " names a control-plane endpoint, so clients and joins target one master",
                        "put a load balancer or DNS name in front of the API servers and set it as"
                                + " controlPlaneEndpoint (re-signing the API server certificates)"));
            }
            return;
        }
        String host = hostOf(endpoint.get());
        Optional<MasterNode> node = facts.masters().stream()
                .filter(m -> m.name().equals(host) || m.addresses().contains(host)).findFirst();
        if (node.isPresent()) {
            findings.add(Finding.fail("HA-ENDPOINT-IS-NODE", SUBJECT, "the API endpoint " + endpoint.get()
                    + " is control-plane node " + node.get().name() + " itself: when it fails, every client loses the"
                    + " API", "point the endpoint at a load balancer, VIP or DNS name over all control-plane nodes"));
        } else {
            findings.add(Finding.pass("HA-ENDPOINT", SUBJECT, "clients reach the API through " + endpoint.get()
                    + ", not a node address"));
        }
    }

    private void leases() {
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
    }

    /** The host of {@code host}, {@code host:port}, {@code [v6]:port} or {@code https://host:port}. */
    static String hostOf(String endpoint) {
        if (endpoint.contains("://")) {
            String host = URI.create(endpoint).getHost();
            return host == null ? endpoint : host.replaceAll("^\\[|]$", "");
        }
        if (endpoint.startsWith("[")) {
            int end = endpoint.indexOf(']');
            return end > 0 ? endpoint.substring(1, end) : endpoint;
        }
        int colon = endpoint.indexOf(':');
        return colon > 0 && colon == endpoint.lastIndexOf(':') ? endpoint.substring(0, colon) : endpoint;
    }
}
