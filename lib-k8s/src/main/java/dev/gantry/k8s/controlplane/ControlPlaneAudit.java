package dev.gantry.k8s.controlplane;

import dev.gantry.core.Report;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Objects;

/**
 * A read-only audit of a live cluster's control plane for the mistakes that turn one failure
 * into an outage: too few or an even number of masters, a failure domain whose loss breaks
 * quorum, an API endpoint that is one master's own address, stale API server endpoints, etcd
 * pods that do not match the masters, and leader leases nobody renews.
 *
 * <p>Needs only a kubeconfig with read access to nodes, EndpointSlices, ConfigMaps in
 * {@code kube-system} and {@code kube-public}, pods in {@code kube-system} and leases; it writes
 * nothing. Works on kubeadm, k3s and RKE2 clusters; on a managed cluster, whose control-plane
 * nodes are hidden, it says so and checks what it can. Every request has the client's own
 * timeouts (set them in the fabric8 {@code Config}); an API error becomes a
 * {@link dev.gantry.k8s.KubernetesApiException} naming the request.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *     ControlPlaneAudit.of(client).run().print().orThrow();
 * }
 * }</pre>
 *
 * <p>Finding codes: {@code HA-TOO-FEW-MEMBERS}, {@code HA-QUORUM-EVEN}, {@code HA-TOO-MANY-MEMBERS},
 * {@code HA-ZONE-LOSS-BREAKS-QUORUM}, {@code HA-NODE-NOT-READY}, {@code HA-QUORUM-AT-RISK},
 * {@code HA-ENDPOINTS-STALE}, {@code HA-APISERVER-NOT-ENDPOINT}, {@code HA-ETCD-MEMBERS-MISMATCH},
 * {@code HA-ENDPOINT-MISSING}, {@code HA-ENDPOINT-IS-NODE}, {@code HA-LEADER-LEASE-EXPIRED}, and the
 * informational {@code HA-CONTROL-PLANE-HIDDEN} and {@code HA-ETCD-NOT-VISIBLE}.
 */
public final class ControlPlaneAudit {

    private final KubernetesClient client;
    private final Clock clock;

    private ControlPlaneAudit(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param client a client for the cluster to audit; the audit does not close it
     * @return an audit that judges lease expiry by the system clock
     */
    public static ControlPlaneAudit of(KubernetesClient client) {
        return new ControlPlaneAudit(client, Clock.systemUTC());
    }

    /**
     * @param value the clock that lease expiry is judged by
     * @return a copy using that clock
     */
    public ControlPlaneAudit withClock(Clock value) {
        return new ControlPlaneAudit(client, value);
    }

    /**
     * Reads the cluster and judges it.
     *
     * @return the findings, titled with the API server's URL
     * @throws dev.gantry.k8s.KubernetesApiException when a read fails
     */
    public Report run() {
        ClusterFacts facts = new ClusterFactsReader(client, clock).read();
        return Report.of(ControlPlaneRules.apply(facts))
                .withTitle("Control-plane audit of " + client.getMasterUrl());
    }
}
