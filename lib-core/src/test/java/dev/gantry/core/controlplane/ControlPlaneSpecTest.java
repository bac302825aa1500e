package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import dev.gantry.core.Secret;
import org.junit.jupiter.api.Test;

class ControlPlaneSpecTest {

    @Test
    void kubeadmDefaults() {
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api.prod.example.com");

        assertThat(spec.distribution()).isEqualTo(Distribution.KUBEADM);
        assertThat(spec.endpoint()).contains(new ApiEndpoint("k8s-api.prod.example.com", 6443));
        assertThat(spec.etcd()).isEqualTo(EtcdTopology.STACKED);
        assertThat(spec.kubernetesVersion()).isEqualTo("v1.33.2");
        assertThat(spec.podSubnet()).isEqualTo("10.244.0.0/16");
        assertThat(spec.serviceSubnet()).isEqualTo("10.96.0.0/12");
        assertThat(spec.certSans()).isEmpty();
        assertThat(spec.vip()).isEmpty();
        assertThat(spec.token()).isEmpty();
        assertThat(spec.certificateKey()).isEmpty();
        assertThat(spec.apiServerPort()).isEqualTo(6443);
    }

    @Test
    void k3sDefaultsPutTheEndpointHostIntoTlsSan() {
        ControlPlaneSpec spec = ControlPlaneSpec.k3s("[fd00::10]:8443");

        assertThat(spec.distribution()).isEqualTo(Distribution.K3S);
        assertThat(spec.certSans()).containsExactly("fd00::10");
        assertThat(spec.podSubnet()).isEqualTo("10.42.0.0/16");
        assertThat(spec.serviceSubnet()).isEqualTo("10.43.0.0/16");
    }

    @Test
    void emptyEndpointMeansNone() {
        assertThat(ControlPlaneSpec.kubeadm("").endpoint()).isEmpty();
        assertThat(ControlPlaneSpec.k3s("").certSans()).isEmpty();
    }

    @Test
    void malformedEndpointIsAParseException() {
        assertThatThrownBy(() -> ControlPlaneSpec.kubeadm("fd00::10"))
                .isInstanceOf(ParseException.class).hasMessageContaining("brackets");
    }

    @Test
    void withCopiesChangeOneField() {
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("10.0.1.10:8443")
                .withEtcd(EtcdTopology.EXTERNAL)
                .withKubernetesVersion("v1.34.0")
                .withClusterName("prod")
                .withPodSubnet("10.250.0.0/16")
                .withServiceSubnet("10.97.0.0/16")
                .withCertSans("k8s-api.example.com", "*.api.example.com", "10.0.1.10")
                .withVip("10.0.1.10", "eth0")
                .withApiServerPort(6444)
                .withCaCertHashes("sha256:" + "ab".repeat(32));

        assertThat(spec.etcd()).isEqualTo(EtcdTopology.EXTERNAL);
        assertThat(spec.kubernetesVersion()).isEqualTo("v1.34.0");
        assertThat(spec.clusterName()).isEqualTo("prod");
        assertThat(spec.podSubnet()).isEqualTo("10.250.0.0/16");
        assertThat(spec.serviceSubnet()).isEqualTo("10.97.0.0/16");
        assertThat(spec.certSans()).containsExactly("k8s-api.example.com", "*.api.example.com", "10.0.1.10");
        assertThat(spec.vip()).contains(Vip.of("10.0.1.10", "eth0"));
        assertThat(spec.apiServerPort()).isEqualTo(6444);
        assertThat(spec.caCertHashes()).hasSize(1);
    }

    @Test
    void rejectsMalformedValuesNamingTheField() {
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api");

        assertThatThrownBy(() -> spec.withKubernetesVersion("1.33")).hasMessageContaining("kubernetesVersion '1.33'");
        assertThatThrownBy(() -> spec.withPodSubnet("10.244.0.0")).hasMessageContaining("podSubnet '10.244.0.0'");
        assertThatThrownBy(() -> spec.withServiceSubnet("10.96.0.0/33")).hasMessageContaining("serviceSubnet");
        assertThatThrownBy(() -> spec.withCertSans("bad name")).hasMessageContaining("certificate name 'bad name'");
        assertThatThrownBy(() -> spec.withClusterName("Prod")).hasMessageContaining("clusterName 'Prod'");
        assertThatThrownBy(() -> spec.withApiServerPort(0)).hasMessageContaining("apiServerPort");
        assertThatThrownBy(() -> spec.withCaCertHashes("sha256:abc")).hasMessageContaining("caCertHash");
    }

    @Test
    void rejectsMalformedSecretsWithoutShowingThem() {
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api");

        assertThatThrownBy(() -> spec.withToken(Secret.of("ABCDEF.0123456789abcdef")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kubeadm bootstrap token").hasMessageNotContaining("ABCDEF");
        assertThatThrownBy(() -> spec.withCertificateKey(Secret.of("deadbeef")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits").hasMessageNotContaining("deadbeef");
        assertThatThrownBy(() -> ControlPlaneSpec.k3s("k8s-api").withToken(Secret.of("short")))
                .hasMessageContaining("at least 8 printable characters").hasMessageNotContaining("short'");
        assertThatThrownBy(() -> ControlPlaneSpec.k3s("k8s-api").withCertificateKey(Fixtures.CERT_KEY))
                .hasMessageContaining("k3s has none");
    }

    @Test
    void toStringMasksTheSecrets() {
        ControlPlaneSpec spec = Fixtures.kubeadm("k8s-api");

        assertThat(spec.toString())
                .doesNotContain(Fixtures.TOKEN.reveal())
                .doesNotContain(Fixtures.CERT_KEY.reveal())
                .contains("Secret[****]");
    }
}
