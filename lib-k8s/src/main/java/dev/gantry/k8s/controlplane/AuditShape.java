package dev.gantry.k8s.controlplane;

import dev.gantry.core.GantryException;
import dev.gantry.core.controlplane.ApiEndpoint;
import dev.gantry.core.controlplane.ControlPlaneShape;
import dev.gantry.core.controlplane.ControlPlaneShape.Member;
import dev.gantry.k8s.controlplane.ClusterFacts.ClusterNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The control-plane shape a live cluster shows, for the HA rules, with how etcd was found and an
 * endpoint text that could not be read. Pure: built from {@link ClusterFacts} alone.
 *
 * <p>etcd is stacked when etcd pods run in {@code kube-system} (kubeadm), when the control-plane
 * nodes carry the etcd role label (k3s and RKE2 embedded etcd), or when the API servers reach etcd
 * on loopback; it is external when their {@code --etcd-servers} name other hosts, which become the
 * voting members (named and zoned after the node with that address, if any; of unknown failure
 * domain otherwise). When none of these show, etcd is assumed stacked and the audit says so.
 */
record AuditShape(ControlPlaneShape shape, EtcdSource etcdSource, Optional<String> unreadableEndpoint) {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    /** Where the audit learned how etcd runs. */
    enum EtcdSource { PODS, ROLE_LABELS, API_SERVER_FLAG, NOT_VISIBLE }

    static AuditShape of(ClusterFacts facts) {
        List<Member> members = facts.masters().stream().map(AuditShape::member).toList();
        List<String> etcdHosts = facts.etcdServers().stream().map(AuditShape::host).distinct().toList();
        ControlPlaneShape shape;
        EtcdSource source;
        if (!facts.etcdPodNodes().isEmpty()) {
            shape = ControlPlaneShape.stacked(members);
            source = EtcdSource.PODS;
        } else if (facts.masters().stream().anyMatch(ClusterNode::etcd)) {
            shape = ControlPlaneShape.stacked(members);
            source = EtcdSource.ROLE_LABELS;
        } else if (!etcdHosts.isEmpty()) {
            shape = LOOPBACK.containsAll(etcdHosts) ? ControlPlaneShape.stacked(members)
                    : ControlPlaneShape.external(members, etcdHosts.stream().map(h -> etcdMember(facts, h)).toList());
            source = EtcdSource.API_SERVER_FLAG;
        } else {
            shape = ControlPlaneShape.stacked(members);
            source = EtcdSource.NOT_VISIBLE;
        }
        Optional<String> text = facts.endpoint();
        Optional<ApiEndpoint> endpoint = text.flatMap(AuditShape::endpoint);
        if (endpoint.isPresent()) {
            shape = shape.withEndpoint(endpoint.get());
        }
        return new AuditShape(shape, source, endpoint.isPresent() ? Optional.empty() : text);
    }

    private static Member member(ClusterNode node) {
        return new Member(node.name(), Optional.of(node.zone()), node.addresses());
    }

    private static Member etcdMember(ClusterFacts facts, String host) {
        return facts.nodes().stream().filter(n -> n.name().equals(host) || n.addresses().contains(host))
                .findFirst().map(AuditShape::member)
                .orElseGet(() -> new Member(host, Optional.empty(), List.of(host)));
    }

    /** The host of an etcd URL such as {@code https://10.0.9.1:2379}; the text itself when it is no URL. */
    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host.replaceAll("^\\[|]$", "");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * The endpoint of {@code host}, {@code host:port}, {@code [v6]:port} or {@code
     * https://host:port/path}; empty when it is none of these.
     */
    static Optional<ApiEndpoint> endpoint(String text) {
        String authority = text.contains("://") ? text.substring(text.indexOf("://") + 3) : text;
        int slash = authority.indexOf('/');
        try {
            return Optional.of(ApiEndpoint.parse(slash < 0 ? authority : authority.substring(0, slash)));
        } catch (GantryException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
