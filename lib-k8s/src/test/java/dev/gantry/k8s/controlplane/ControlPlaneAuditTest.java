package dev.gantry.k8s.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import dev.gantry.core.controlplane.ApiEndpoint;
import dev.gantry.core.controlplane.HaPolicy;
import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit against fabric8's CRUD mock server, seeded like a kubeadm cluster's API. */
@EnableKubernetesMockClient(crud = true)
class ControlPlaneAuditTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    KubernetesClient client;
    private ClusterSeed seed;

    @BeforeEach
    void seed() {
        seed = new ClusterSeed(client);
    }

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
        assertThat(codes(report)).contains("HA-QUORUM", "HA-SPREAD", "HA-ZONE-LOSS-SURVIVED", "HA-ENDPOINTS",
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
        threeReadyMasters();
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11", "10.0.9.99");
        kubeadmConfig("k8s-api:6443");

        assertThat(finding(audit(), "HA-ENDPOINTS-STALE").message()).contains("10.0.9.99");
    }

    @Test
    void etcdPodsMissingOnAMasterAreAMismatch() {
        threeReadyMasters();
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
        threeReadyMasters();

        assertThat(failCodes(audit())).contains("HA-ENDPOINT-MISSING");
    }

    @Test
    void externalEtcdOutsideTheClusterIsCountedButItsSpreadCannotBeJudged() {
        threeMastersBehindADnsName();
        List<String> etcd = List.of("https://10.0.9.1:2379", "https://10.0.9.2:2379", "https://10.0.9.3:2379");
        seed.apiServerPod("cp-1", "10.0.1.11", etcd);
        seed.apiServerPod("cp-2", "10.0.2.11", etcd);

        Report report = audit();

        assertThat(finding(report, "HA-QUORUM").message()).contains("3 voting etcd members on the external etcd");
        Finding zone = report.findings().stream().filter(f -> f.code().equals("HA-ZONE-LOSS-BREAKS-QUORUM"))
                .filter(f -> f.subject().equals("etcd")).findFirst().orElseThrow();
        assertThat(zone.severity()).isEqualTo(Severity.INFO);
        assertThat(zone.message()).contains("failure domains of 10.0.9.1, 10.0.9.2, 10.0.9.3 are unknown");
        assertThat(finding(report, "HA-ETCD-NOT-VISIBLE").message()).contains("https://10.0.9.2:2379");
    }

    @Test
    void fourK3sServersWithEmbeddedEtcdAreAnEvenQuorumFailure() {
        for (int i = 1; i <= 4; i++) {
            master("server-" + i, "10.0." + i + ".11", "z" + i, true);
            client.nodes().withName("server-" + i).edit(n -> new NodeBuilder(n).editMetadata()
                    .addToLabels("node-role.kubernetes.io/etcd", "true")
                    .addToLabels("node-role.kubernetes.io/master", "true").endMetadata().build());
        }

        Report report = audit();

        assertThat(finding(report, "HA-QUORUM-EVEN").severity()).isEqualTo(Severity.FAIL);
        assertThat(finding(report, "HA-ETCD-NOT-VISIBLE").message()).contains("embedded");
    }

    @Test
    void withoutAnySignOfEtcdTheRulesAssumeItIsStackedAndSaySo() {
        threeMastersBehindADnsName();

        Report report = audit();

        assertThat(finding(report, "HA-QUORUM").subject()).isEqualTo("control plane");
        assertThat(finding(report, "HA-ETCD-NOT-VISIBLE").message()).contains("assume it is stacked on the 3");
    }

    @Test
    void thePolicyDecidesAsItDoesForThePlanner() {
        master("dev-1", "10.0.1.11", "a", true);
        apiServerSlice("10.0.1.11");
        kubeadmConfig("k8s-api.dev.example.com:6443");
        etcdPods("dev-1");

        assertThat(failCodes(audit())).contains("HA-TOO-FEW-MEMBERS");
        Report dev = ControlPlaneAudit.of(client).withPolicy(HaPolicy.singleNode())
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)).check();
        assertThat(dev.ok()).as(dev.toText()).isTrue();
    }

    @Test
    void theClientTalksThroughTheJdkHttpClientNotVertx() {
        assertThat(client.getHttpClient().getClass().getName()).startsWith("io.fabric8.kubernetes.client.jdkhttp.");
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
        threeReadyMasters();
        kubeadmConfig("\"k8s_api!:6443\"");

        Report report = audit();

        assertThat(finding(report, "HA-ENDPOINT-UNREADABLE").message()).contains("k8s_api!:6443");
        assertThat(failCodes(report)).contains("HA-ENDPOINT-MISSING");
    }

    private Report audit() {
        return ControlPlaneAudit.of(client).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).check();
    }

    private void threeReadyMasters() {
        master("cp-1", "10.0.1.11", "a", true);
        master("cp-2", "10.0.2.11", "b", true);
        master("cp-3", "10.0.3.11", "c", true);
    }

    private void threeMastersBehindADnsName() {
        threeReadyMasters();
        apiServerSlice("10.0.1.11", "10.0.2.11", "10.0.3.11");
        kubeadmConfig("k8s-api.prod.example.com:6443");
    }

    private void master(String name, String ip, String zone, boolean ready) {
        seed.master(name, ip, Optional.ofNullable(zone), ready);
    }

    private void worker(String name, String ip) {
        seed.worker(name, ip);
    }

    private void apiServerSlice(String... ips) {
        seed.apiServerSlice(ips);
    }

    private void kubeadmConfig(String endpoint) {
        seed.kubeadmConfig(endpoint);
    }

    private void etcdPods(String... nodes) {
        seed.etcdPods(nodes);
    }

    private void lease(String component, String holder, Instant renewed) {
        seed.lease(component, holder, renewed);
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
