package dev.gantry.k8s.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.controlplane.HaPolicy;
import dev.gantry.core.controlplane.HaRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read-only audit of a live cluster's control plane for the mistakes that turn one failure
 * into an outage. It judges the cluster's shape with the same {@link HaRules} the planner applies
 * (too few, too many or an even number of voting members, a failure domain whose loss breaks
 * quorum, a missing endpoint or one that is a master's own address), so a cluster and a plan of
 * the same shape get the same codes and severities; then the live state: nodes not Ready, stale
 * API server endpoints, etcd pods that do not match the masters, leader leases nobody renews.
 *
 * <p>Needs only a kubeconfig with read access to nodes, EndpointSlices, ConfigMaps in {@code
 * kube-system} and {@code kube-public}, pods in {@code kube-system} and leases; it writes nothing.
 * Works on kubeadm, k3s and RKE2 clusters; on a managed cluster, whose control-plane nodes are
 * hidden, it says so and checks what it can. Every request has the client's own timeouts (set them
 * in the fabric8 {@code Config}); an API error becomes a {@link dev.gantry.k8s.KubernetesApiException}
 * naming the request.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *     ControlPlaneAudit.of(client).withPolicy(HaPolicy.ofDefaults()).check().print().orThrow();
 * }
 * }</pre>
 *
 * <p>Finding codes: those of {@link HaRules}, then {@code HA-NODE-NOT-READY}, {@code
 * HA-QUORUM-AT-RISK}, {@code HA-ENDPOINTS-STALE}, {@code HA-APISERVER-NOT-ENDPOINT}, {@code
 * HA-ETCD-MEMBERS-MISMATCH}, {@code HA-ENDPOINT-UNREADABLE}, {@code HA-LEADER-LEASE-EXPIRED}, and
 * the informational {@code HA-CONTROL-PLANE-HIDDEN} and {@code HA-ETCD-NOT-VISIBLE}. Immutable and
 * thread-safe as far as the client is.
 */
public final class ControlPlaneAudit {

    private final KubernetesClient client;
    private final HaPolicy policy;
    private final Clock clock;

    private ControlPlaneAudit(KubernetesClient client, HaPolicy policy, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns an audit of a cluster under {@link HaPolicy#ofDefaults()}, judging lease expiry by
     * the system clock.
     *
     * @param client a client for the cluster to audit; the audit does not close it
     * @return the audit
     */
    public static ControlPlaneAudit of(KubernetesClient client) {
        return new ControlPlaneAudit(client, HaPolicy.ofDefaults(), Clock.systemUTC());
    }

    /**
     * Returns a copy that judges the shape under another policy, as the planner would.
     *
     * @param value the policy, e.g. {@code HaPolicy.singleNode()} for a development cluster
     * @return the copy
     */
    public ControlPlaneAudit withPolicy(HaPolicy value) {
        return new ControlPlaneAudit(client, value, clock);
    }

    /**
     * Returns a copy that judges lease expiry by another clock.
     *
     * @param value the clock
     * @return the copy
     */
    public ControlPlaneAudit withClock(Clock value) {
        return new ControlPlaneAudit(client, policy, value);
    }

    /**
     * Reads the cluster and judges it.
     *
     * @return the findings, titled with the API server's URL
     * @throws dev.gantry.k8s.KubernetesApiException when a read fails
     */
    public Report check() {
        ClusterFacts facts = new ClusterFactsReader(client, clock).read();
        List<Finding> findings = new ArrayList<>();
        if (facts.masters().isEmpty()) {
            findings.add(LiveRules.hidden());
        } else {
            AuditShape shape = AuditShape.of(facts);
            findings.addAll(HaRules.of(policy).check(shape.shape()).findings());
            findings.addAll(LiveRules.check(facts, shape));
        }
        findings.addAll(LiveRules.leases(facts));
        return Report.of(findings).withTitle("Control-plane audit of " + client.getMasterUrl());
    }
}
