package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class RenderedFilesTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    static Stream<Arguments> goldenFiles() {
        return Scenarios.golden().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void rendersExactlyTheGoldenFile(String name, Artifact artifact) throws IOException {
        assertThat(artifact.content()).isEqualTo(golden(name));
    }

    @Test
    void kubeadmInitHasTheV1beta4FieldsOfTheFirstControlPlane() {
        List<JsonNode> docs = documents(Scenarios.golden().get("kubeadm-init.yaml").content());
        JsonNode init = docs.get(0);
        JsonNode cluster = docs.get(1);

        assertThat(init.path("apiVersion").asString()).isEqualTo("kubeadm.k8s.io/v1beta4");
        assertThat(init.path("kind").asString()).isEqualTo("InitConfiguration");
        assertThat(init.at("/bootstrapTokens/0/token").asString()).isEqualTo(Fixtures.TOKEN.reveal());
        assertThat(init.at("/localAPIEndpoint/advertiseAddress").asString()).isEqualTo("10.0.1.11");
        assertThat(init.at("/localAPIEndpoint/bindPort").asInt()).isEqualTo(6443);
        assertThat(init.at("/nodeRegistration/kubeletExtraArgs/0/name").asString()).isEqualTo("node-ip");
        assertThat(init.at("/nodeRegistration/kubeletExtraArgs/0/value").asString()).isEqualTo("10.0.1.11");
        assertThat(init.path("certificateKey").asString()).isEqualTo(Fixtures.CERT_KEY.reveal());
        assertThat(cluster.path("kind").asString()).isEqualTo("ClusterConfiguration");
        assertThat(cluster.path("controlPlaneEndpoint").asString()).isEqualTo("k8s-api.example.com:8443");
        assertThat(cluster.path("kubernetesVersion").asString()).isEqualTo("v1.33.2");
        assertThat(cluster.at("/networking/podSubnet").asString()).isEqualTo("10.244.0.0/16");
        assertThat(cluster.at("/networking/serviceSubnet").asString()).isEqualTo("10.96.0.0/12");
        assertThat(cluster.at("/apiServer/certSANs").isArray()).isTrue();
        assertThat(cluster.at("/etcd/local/dataDir").asString()).isEqualTo("/var/lib/etcd");
    }

    @Test
    void kubeadmJoinOfAControlPlaneCarriesTheCertificateKeyAndAWorkerJoinDoesNot() {
        JsonNode master = documents(Scenarios.golden().get("kubeadm-join-control-plane.yaml").content()).get(0);
        JsonNode worker = documents(Scenarios.golden().get("kubeadm-join-worker.yaml").content()).get(0);

        assertThat(master.path("kind").asString()).isEqualTo("JoinConfiguration");
        assertThat(master.at("/discovery/bootstrapToken/apiServerEndpoint").asString())
                .isEqualTo("k8s-api.example.com:8443");
        assertThat(master.at("/discovery/bootstrapToken/caCertHashes/0").asString()).startsWith("sha256:");
        assertThat(master.at("/controlPlane/localAPIEndpoint/advertiseAddress").asString()).isEqualTo("10.0.1.12");
        assertThat(master.at("/controlPlane/certificateKey").asString()).isEqualTo(Fixtures.CERT_KEY.reveal());
        assertThat(worker.has("controlPlane")).isFalse();
        assertThat(worker.at("/discovery/bootstrapToken/token").asString()).isEqualTo(Fixtures.TOKEN.reveal());
    }

    @Test
    void kubeadmWithExternalEtcdNamesEveryMemberAndTheClientCertificates() {
        JsonNode cluster = documents(Scenarios.golden().get("kubeadm-init-external-etcd.yaml").content()).get(1);

        assertThat(cluster.at("/etcd/local").isMissingNode()).isTrue();
        assertThat(cluster.at("/etcd/external/endpoints")).hasSize(3);
        assertThat(cluster.at("/etcd/external/endpoints/2").asString()).isEqualTo("https://10.0.3.21:2379");
        assertThat(cluster.at("/etcd/external/caFile").asString()).isEqualTo("/etc/kubernetes/pki/etcd/ca.crt");
        assertThat(cluster.at("/etcd/external/certFile").asString()).endsWith("apiserver-etcd-client.crt");
        assertThat(cluster.at("/etcd/external/keyFile").asString()).endsWith("apiserver-etcd-client.key");
    }

    @Test
    void kubeadmWithoutEndpointJoinsThroughTheFirstMasterAndLeavesControlPlaneEndpointOut() {
        ControlPlanePlan plan = ControlPlanePlanner.plan(Fixtures.oneSubnet(), Fixtures.kubeadm(""), HaPolicy.ofDefaults());

        JsonNode cluster = documents(Scenarios.artifact(plan, "cp-1", KubeadmRenderer.INIT_PATH).content()).get(1);
        JsonNode join = documents(Scenarios.artifact(plan, "cp-2", KubeadmRenderer.JOIN_PATH).content()).get(0);
        assertThat(cluster.has("controlPlaneEndpoint")).isFalse();
        assertThat(join.at("/discovery/bootstrapToken/apiServerEndpoint").asString()).isEqualTo("10.0.1.11:6443");
        assertThat(join.at("/discovery/bootstrapToken/unsafeSkipCAVerification").asBoolean()).isTrue();
    }

    @Test
    void k3sServersShareTheSettingsThatMustMatchAndOnlyTheFirstInitialisesTheCluster() {
        Map<String, JsonNode> k3s = Stream.of("k3s-server-first.yaml", "k3s-server-join.yaml")
                .collect(Collectors.toMap(n -> n, n -> documents(Scenarios.golden().get(n).content()).get(0)));
        JsonNode first = k3s.get("k3s-server-first.yaml");
        JsonNode join = k3s.get("k3s-server-join.yaml");

        assertThat(first.path("cluster-init").asBoolean()).isTrue();
        assertThat(first.has("server")).isFalse();
        assertThat(join.has("cluster-init")).isFalse();
        assertThat(join.path("server").asString()).isEqualTo("https://k8s-api.prod.example.com:6443");
        for (String field : List.of("token", "tls-san", "cluster-cidr", "service-cidr")) {
            assertThat(join.path(field)).as(field).isEqualTo(first.path(field));
        }
    }

    @Test
    void everyMasterGetsHaproxyAndKeepalivedOnlyWithAVip() {
        ControlPlanePlan withVip = Scenarios.kubeadmVip();
        ControlPlanePlan withoutVip = Scenarios.k3sStacked();

        for (String master : List.of("cp-1", "cp-2", "cp-3")) {
            assertThat(withVip.artifactsFor(master)).extracting(Artifact::path)
                    .containsExactly(master.equals("cp-1") ? KubeadmRenderer.INIT_PATH : KubeadmRenderer.JOIN_PATH,
                            HaproxyRenderer.PATH, KeepalivedRenderer.PATH);
        }
        assertThat(withoutVip.artifacts()).extracting(Artifact::path)
                .doesNotContain(HaproxyRenderer.PATH, KeepalivedRenderer.PATH);
        assertThat(withVip.artifactsFor("worker-1")).extracting(Artifact::path)
                .containsExactly(KubeadmRenderer.JOIN_PATH);
    }

    @Test
    void filesWithSecretsAreOwnerOnly() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();

        assertThat(plan.artifacts()).allSatisfy(a -> assertThat(a.mode())
                .isEqualTo(a.content().contains(Fixtures.TOKEN.reveal()) ? 0600 : 0644));
    }

    /** Reads every YAML document of a file. */
    static List<JsonNode> documents(String yaml) {
        return Stream.of(yaml.split("(?m)^---$")).map(YAML::readTree).toList();
    }

    /** A golden file without its {@code #! } header lines. */
    static String golden(String name) throws IOException {
        try (InputStream in = RenderedFilesTest.class.getResourceAsStream("/controlplane/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.startsWith("#! ")).map(l -> l + "\n").collect(Collectors.joining());
        }
    }
}
