package dev.gantry.k8s.controlplane;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Seeds fabric8's CRUD mock server with the objects a kubeadm cluster's API shows: nodes with the
 * role labels and taints kubeadm (or, for etcd nodes, RKE) sets, the {@code default/kubernetes}
 * EndpointSlice, the {@code kubeadm-config} ConfigMap, the etcd and kube-apiserver static pods
 * and the leader leases. Shapes follow {@code kubectl get -o yaml} of a kubeadm v1.31 cluster.
 * Every write is create-or-update: on a loaded machine the client may retry a create whose first
 * attempt the mock already stored.
 */
final class ClusterSeed {

    private final KubernetesClient client;

    ClusterSeed(KubernetesClient client) {
        this.client = client;
    }

    /** A control-plane node as kubeadm registers it; {@code zone} empty for no zone label. */
    void master(String name, String ip, Optional<String> zone, boolean ready) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node-role.kubernetes.io/control-plane", "")
                .addToLabels("kubernetes.io/hostname", name).endMetadata();
        zone.ifPresent(z -> node.editMetadata().addToLabels("topology.kubernetes.io/zone", z).endMetadata());
        client.nodes().resource(node.withNewSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane")
                .withEffect("NoSchedule").endTaint().endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "Unknown")
                .withReason(ready ? "KubeletReady" : "NodeStatusUnknown").endCondition()
                .endStatus().build()).createOr(NonDeletingOperation::update);
    }

    /** A dedicated etcd node with RKE's role label and taint. */
    void etcdNode(String name, String ip, String zone) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node-role.kubernetes.io/etcd", "true").addToLabels("kubernetes.io/hostname", name)
                .addToLabels("topology.kubernetes.io/zone", zone).endMetadata()
                .withNewSpec().addNewTaint().withKey("node-role.kubernetes.io/etcd").withValue("true")
                .withEffect("NoExecute").endTaint().endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).createOr(NonDeletingOperation::update);
    }

    void worker(String name, String ip) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).createOr(NonDeletingOperation::update);
    }

    void apiServerSlice(String... ips) {
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withName("kubernetes")
                .withNamespace("default").addToLabels("kubernetes.io/service-name", "kubernetes")
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .endMetadata().withAddressType("IPv4")
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort();
        for (String ip : ips) {
            slice.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        client.discovery().v1().endpointSlices().inNamespace("default").resource(slice.build()).createOr(NonDeletingOperation::update);
    }

    /** The {@code kube-system/kubeadm-config} ConfigMap; empty endpoint for a cluster made without one. */
    void kubeadmConfig(String endpoint) {
        String field = endpoint.isEmpty() ? "" : "controlPlaneEndpoint: " + endpoint + "\n";
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("kubeadm-config").endMetadata()
                .addToData("ClusterConfiguration", """
                        apiServer:
                          certSANs:
                          - k8s-api.prod.example.com
                        apiVersion: kubeadm.k8s.io/v1beta4
                        certificatesDir: /etc/kubernetes/pki
                        clusterName: kubernetes
                        %setcd:
                          local:
                            dataDir: /var/lib/etcd
                        kind: ClusterConfiguration
                        kubernetesVersion: v1.31.2
                        networking:
                          dnsDomain: cluster.local
                          podSubnet: 10.244.0.0/16
                          serviceSubnet: 10.96.0.0/12
                        """.formatted(field)).build()).createOr(NonDeletingOperation::update);
    }

    /** kubeadm's stacked etcd static pods, one per named node. */
    void etcdPods(String... nodes) {
        for (String node : nodes) {
            client.pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                    .withName("etcd-" + node).addToLabels("component", "etcd").addToLabels("tier", "control-plane")
                    .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("etcd")
                    .withImage("registry.k8s.io/etcd:3.5.15-0")
                    .withCommand("etcd", "--data-dir=/var/lib/etcd", "--listen-client-urls=https://127.0.0.1:2379")
                    .endContainer().endSpec().build()).createOr(NonDeletingOperation::update);
        }
    }

    /** kubeadm's kube-apiserver static pod on a node, reaching etcd at the given URLs. */
    void apiServerPod(String node, String ip, List<String> etcdServers) {
        client.pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                .withName("kube-apiserver-" + node).addToLabels("component", "kube-apiserver")
                .addToLabels("tier", "control-plane").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("kube-apiserver")
                .withImage("registry.k8s.io/kube-apiserver:v1.31.2")
                .withCommand("kube-apiserver", "--advertise-address=" + ip, "--allow-privileged=true",
                        "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
                        "--etcd-servers=" + String.join(",", etcdServers), "--secure-port=6443")
                .endContainer().endSpec().build()).createOr(NonDeletingOperation::update);
    }

    void lease(String component, String holder, Instant renewed) {
        client.leases().inNamespace("kube-system").resource(new LeaseBuilder().withNewMetadata()
                .withName(component).endMetadata().withNewSpec().withHolderIdentity(holder)
                .withLeaseDurationSeconds(15).withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC))
                .withLeaseTransitions(2).endSpec().build()).createOr(NonDeletingOperation::update);
    }
}
