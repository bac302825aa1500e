package dev.gantry.k8s.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import dev.gantry.core.controlplane.ApiEndpoint;
import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit against fabric8's CRUD mock server, seeded like a kubeadm cluster's API. */
@EnableKubernetesMockClient(crud = true)
class ControlPlaneAuditTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    KubernetesClient client;

    @Test
    void aHealthyThreeZoneKubeadmClusterPassesEveryRule() {
        master("cp-1", "10.0.1.11", "eu-west-1a", true);
        master("cp-2", "10.0.2.11", "eu-west-1b", true);
        master("cp-3", "10.0.3.11", "eu-west-1c", true);
        worker("worker-1", "192.168.10.21");
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11");
        kubeadmConfig("k8s-api.prod.example.com:6443");
        etcdPods("cp-1", "cp-2", "cp-3");
        lease("kube-controller-manager", "cp-2_5b0c1c1e-8d7c-4c2a-9a57-0b3c3b7a1f00", NOW.minusSeconds(3));
        lease("kube-scheduler", "cp-1_0e8d9c41-6a0a-4bd1-9d0c-8c5a6a2f7c11", NOW.minusSeconds(5));

        Report report = audit();

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(codes(report)).contains("HA-QUORUM", "HA-SPREAD", "HA-ZONE-LOSS-BREAKS-QUORUM", "HA-ENDPOINTS",
                "HA-ETCD-MEMBERS", "HA-ENDPOINT", "HA-LEADER-LEASE");
    }

    @Test
    void aSingleMasterWhoseAddressIsTheEndpointIsTheOutageFromTheStory() {
        master("master-1", "10.0.0.10", "zone-a", true);
        apiServerSlice("10.0.0.10");
        kubeadmConfig("10.0.0.10:6443");
        etcdPods("master-1");

        Report report = audit();

        assertThat(failCodes(report)).contains("HA-TOO-FEW-MEMBERS", "HA-ENDPOINT-IS-NODE");
        assertThat(finding(report, "HA-ENDPOINT-IS-NODE").message()).contains("master-1");
    }

    @Test
    void twoOfThreeMastersInOneZoneBreakQuorumWhenThatZoneFails() {
        master("cp-1", "10.0.1.11", "eu-west-1a", true);
        master("cp-2", "10.0.1.12", "eu-west-1a", true);
        master("cp-3", "10.0.2.11", "eu-west-1b", true);
        apiServerSlice("10.0.1.11", "10.0.1.12", "10.0.2.11");
        kubeadmConfig("k8s-api.prod.example.com:6443");

        Finding zone = finding(audit(), "HA-ZONE-LOSS-BREAKS-QUORUM");

        assertThat(zone.severity()).isEqualTo(Severity.FAIL);
        assertThat(zone.subject()).isEqualTo("control plane");
        assertThat(zone.message()).contains("losing eu-west-1a (cp-1, cp-2)").contains("quorum of 2 of 3");
    }

    @Test
    void mastersWithoutZoneLabelsShareOneFailureDomain() {
        master("cp-1", "10.0.1.11", null, true);
        master("cp-2", "10.0.1.12", null, true);
        master("cp-3", "10.0.1.13", null, true);
        apiServerSlice("10.0.1.11", "10.0.1.12", "10.0.1.13");
        kubeadmConfig("k8s-api:6443");

        Finding zone = finding(audit(), "HA-ZONE-LOSS-BREAKS-QUORUM");
        assertThat(zone.severity()).isEqualTo(Severity.FAIL);
        assertThat(zone.message()).contains("losing unspecified (cp-1, cp-2, cp-3)");
    }

    @Test
    void fourStackedMastersAreAnEvenQuorumFailure() {
        for (int i = 1; i <= 4; i++) {
            master("cp-" + i, "10.0." + i + ".11", "z" + i, true);
        }
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11", "10.0.4.11");
        kubeadmConfig("k8s-api:6443");
        etcdPods("cp-1", "cp-2", "cp-3", "cp-4");

        assertThat(finding(audit(), "HA-QUORUM-EVEN").severity()).isEqualTo(Severity.FAIL);
    }

    @Test
    void notReadyMastersBelowQuorumAreReportedAsQuorumAtRisk() {
        master("cp-1", "10.0.1.11", "a", true);
        master("cp-2", "10.0.2.11", "b", false);
        master("cp-3", "10.0.3.11", "c", false);
        apiServerSlice("10.0.1.11");
        kubeadmConfig("k8s-api:6443");

        Report report = audit();

        assertThat(report.failures()).filteredOn(f -> f.code().equals("HA-NODE-NOT-READY"))
                .extracting(Finding::subject).containsExactly("cp-2", "cp-3");
        assertThat(failCodes(report)).contains("HA-QUORUM-AT-RISK");
        assertThat(codes(report)).contains("HA-APISERVER-NOT-ENDPOINT");
    }

    @Test
    void anApiServerAddressOfARemovedMasterIsStale() {
        master("cp-1", "10.0.1.11", "a", true);
        master("cp-2", "10.0.2.11", "b", true);
        master("cp-3", "10.0.3.11", "c", true);
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11", "10.0.9.99");
        kubeadmConfig("k8s-api:6443");

        assertThat(finding(audit(), "HA-ENDPOINTS-STALE").message()).contains("10.0.9.99");
    }

    @Test
    void etcdPodsMissingOnAMasterAreAMismatch() {
        master("cp-1", "10.0.1.11", "a", true);
        master("cp-2", "10.0.2.11", "b", true);
        master("cp-3", "10.0.3.11", "c", true);
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11");
        kubeadmConfig("k8s-api:6443");
        etcdPods("cp-1", "cp-2");

        assertThat(finding(audit(), "HA-ETCD-MEMBERS-MISMATCH").message()).contains("none on [cp-3]");
    }

    @Test
    void withoutKubeadmConfigTheClusterInfoServerIsTheEndpoint() {
        master("server-1", "10.0.1.11", "a", true);
        master("server-2", "10.0.2.11", "b", true);
        master("server-3", "10.0.3.11", "c", true);
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11");
        client.configMaps().inNamespace("kube-public").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("cluster-info").endMetadata()
                .addToData("kubeconfig", """
                        apiVersion: v1
                        kind: Config
                        clusters:
                        - cluster:
                            certificate-authority-data: LS0tLS1CRUdJTi...
                            server: https://10.0.2.11:6443
                          name: ""
                        """).build()).create();

        assertThat(finding(audit(), "HA-ENDPOINT-IS-NODE").message()).contains("server-2");
    }

    @Test
    void noEndpointAnywhereIsMissing() {
        master("cp-1", "10.0.1.11", "a", true);
        master("cp-2", "10.0.2.11", "b", true);
        master("cp-3", "10.0.3.11", "c", true);

        assertThat(failCodes(audit())).contains("HA-ENDPOINT-MISSING");
    }

    @Test
    void aLeaseNobodyRenewedWithinItsDurationHasNoLeader() {
        master("cp-1", "10.0.1.11", "a", true);
        lease("kube-scheduler", "cp-1_abc", NOW.minusSeconds(60));

        assertThat(finding(audit(), "HA-LEADER-LEASE-EXPIRED").subject()).isEqualTo("kube-scheduler");
    }

    @Test
    void aManagedClusterWithHiddenMastersIsInformationNotFailure() {
        worker("gke-pool-1-abc", "10.128.0.5");

        Report report = audit();

        assertThat(report.ok()).isTrue();
        assertThat(codes(report)).contains("HA-CONTROL-PLANE-HIDDEN");
    }

    @Test
    void anUnreachableApiServerNamesTheRequestThatFailed() {
        KubernetesClient unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0).withConnectionTimeout(2_000).withRequestTimeout(2_000).build())
                .build();
        try (unreachable) {
            KubernetesApiException error = catchThrowableOfType(KubernetesApiException.class,
                    () -> ControlPlaneAudit.of(unreachable).check());
            assertThat(error).hasMessageContaining("control-plane audit: list nodes");
        }
    }

    @Test
    void endpointReadsEveryFormKubeadmAndClusterInfoUse() {
        assertThat(AuditShape.endpoint("k8s-api:6443")).contains(new ApiEndpoint("k8s-api", 6443));
        assertThat(AuditShape.endpoint("k8s-api")).contains(new ApiEndpoint("k8s-api", 6443));
        assertThat(AuditShape.endpoint("[fd00::1]:6443")).contains(new ApiEndpoint("fd00::1", 6443));
        assertThat(AuditShape.endpoint("https://10.0.0.1:6443")).contains(new ApiEndpoint("10.0.0.1", 6443));
        assertThat(AuditShape.endpoint("https://[fd00::1]:8443/")).contains(new ApiEndpoint("fd00::1", 8443));
    }

    @Test
    void endpointTextThatIsNoHostIsUnreadableNotACrash() {
        assertThat(AuditShape.endpoint("fd00::1")).isEmpty();
        assertThat(AuditShape.endpoint("")).isEmpty();
        assertThat(AuditShape.endpoint("https://")).isEmpty();
        assertThat(AuditShape.endpoint("k8s-api:99999")).isEmpty();
        assertThat(AuditShape.endpoint("x".repeat(100_000))).isEmpty();
        assertThat(AuditShape.endpoint("$(reboot):6443")).isEmpty();
    }

    @Test
    void anUnreadableEndpointIsReportedAndCountedAsMissing() {
        master("cp-1", "10.0.1.11", "a", true);
        master("cp-2", "10.0.2.11", "b", true);
        master("cp-3", "10.0.3.11", "c", true);
        kubeadmConfig("\"k8s_api!:6443\"");

        Report report = audit();

        assertThat(finding(report, "HA-ENDPOINT-UNREADABLE").message()).contains("k8s_api!:6443");
        assertThat(failCodes(report)).contains("HA-ENDPOINT-MISSING");
    }

    private Report audit() {
        return ControlPlaneAudit.of(client).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).check();
    }

    private void master(String name, String ip, String zone, boolean ready) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node-role.kubernetes.io/control-plane", "")
                .addToLabels("kubernetes.io/hostname", name).endMetadata();
        if (zone != null) {
            node.editMetadata().addToLabels("topology.kubernetes.io/zone", zone).endMetadata();
        }
        client.nodes().resource(node.withNewSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane")
                .withEffect("NoSchedule").endTaint().endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "Unknown")
                .withReason(ready ? "KubeletReady" : "NodeStatusUnknown").endCondition()
                .endStatus().build()).create();
    }

    private void worker(String name, String ip) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }

    private void apiServerSlice(String... ips) {
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withName("kubernetes")
                .withNamespace("default").addToLabels("kubernetes.io/service-name", "kubernetes")
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .endMetadata().withAddressType("IPv4")
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort();
        for (String ip : ips) {
            slice.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        client.discovery().v1().endpointSlices().inNamespace("default").resource(slice.build()).create();
    }

    private void kubeadmConfig(String endpoint) {
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("kubeadm-config").endMetadata()
                .addToData("ClusterConfiguration", """
                        apiServer:
                          certSANs:
                          - k8s-api.prod.example.com
                        apiVersion: kubeadm.k8s.io/v1beta4
                        certificatesDir: /etc/kubernetes/pki
                        clusterName: kubernetes
                        controlPlaneEndpoint: %s
                        etcd:
                          local:
                            dataDir: /var/lib/etcd
                        kind: ClusterConfiguration
                        kubernetesVersion: v1.31.2
                        networking:
                          dnsDomain: cluster.local
                          podSubnet: 10.244.0.0/16
                          serviceSubnet: 10.96.0.0/12
                        """.formatted(endpoint)).build()).create();
    }

    private void etcdPods(String... nodes) {
        for (String node : nodes) {
            client.pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                    .withName("etcd-" + node).addToLabels("component", "etcd").addToLabels("tier", "control-plane")
                    .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("etcd")
                    .withImage("registry.k8s.io/etcd:3.5.15-0").endContainer().endSpec().build()).create();
        }
    }

    private void lease(String component, String holder, Instant renewed) {
        client.leases().inNamespace("kube-system").resource(new LeaseBuilder().withNewMetadata()
                .withName(component).endMetadata().withNewSpec().withHolderIdentity(holder)
                .withLeaseDurationSeconds(15).withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC))
                .withLeaseTransitions(2).endSpec().build()).create();
    }

    private static List<String> codes(Report report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    private static List<String> failCodes(Report report) {
        return report.failures().stream().map(Finding::code).toList();
    }

    private static Finding finding(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in\n" + report.toText()));
    }
}
