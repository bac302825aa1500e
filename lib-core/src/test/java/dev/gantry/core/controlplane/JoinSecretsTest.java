package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinSecretsTest {

    private static final String KUBEADM_TOKEN = "[a-z0-9]{6}\\.[a-z0-9]{16}";

    @Test
    void generatesAKubeadmTokenAndCertificateKeyWhenTheSpecHasNone() {
        ControlPlanePlan plan = ControlPlanePlanner.plan(Fixtures.threeZones(), ControlPlaneSpec.kubeadm("k8s-api"),
                HaPolicy.ofDefaults());

        assertThat(plan.token().reveal()).matches(KUBEADM_TOKEN);
        assertThat(plan.certificateKey()).hasValueSatisfying(k -> assertThat(k.reveal()).matches("[0-9a-f]{64}"));
        assertThat(Scenarios.artifact(plan, "cp-2", KubeadmRenderer.JOIN_PATH).content())
                .contains(plan.token().reveal()).contains(plan.certificateKey().orElseThrow().reveal());
    }

    @Test
    void generatedSecretsDifferBetweenPlans() {
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api");
        ControlPlanePlan a = ControlPlanePlanner.plan(Fixtures.threeZones(), spec, HaPolicy.ofDefaults());
        ControlPlanePlan b = ControlPlanePlanner.plan(Fixtures.threeZones(), spec, HaPolicy.ofDefaults());

        assertThat(a.token()).isNotEqualTo(b.token());
        assertThat(a.certificateKey()).isNotEqualTo(b.certificateKey());
    }

    @Test
    void k3sGetsATokenAndNoCertificateKey() {
        ControlPlanePlan plan = ControlPlanePlanner.plan(Fixtures.threeZones(), ControlPlaneSpec.k3s("k8s-api"),
                HaPolicy.ofDefaults());

        assertThat(plan.token().reveal()).matches("[a-z0-9]{32}");
        assertThat(plan.certificateKey()).isEmpty();
    }

    @Test
    void givenSecretsAreUsedAsTheyAre() {
        ControlPlanePlan plan = Scenarios.kubeadmVip();

        assertThat(plan.token()).isEqualTo(Fixtures.TOKEN);
        assertThat(plan.certificateKey()).contains(Fixtures.CERT_KEY);
    }

    @Test
    void secretsAppearOnlyInTheFilesThatNeedThem() {
        for (ControlPlanePlan plan : List.of(Scenarios.kubeadmVip(), Scenarios.kubeadmExternalEtcd(),
                Scenarios.k3sStacked(), Scenarios.k3sExternalEtcd())) {
            Secret token = plan.token();
            String text = plan.report().toText() + plan.report().toMarkdown() + plan.report().toJson()
                    + plan.report().toJUnitXml() + plan + plan.artifacts() + plan.spec();
            assertThat(text).doesNotContain(token.reveal()).doesNotContain(Fixtures.CERT_KEY.reveal());
            for (Artifact a : plan.artifacts()) {
                boolean joinFile = a.path().equals(KubeadmRenderer.INIT_PATH) || a.path().equals(KubeadmRenderer.JOIN_PATH)
                        || a.path().equals(K3sRenderer.PATH);
                // Fixture masters are named cp-*; only kubeadm masters need the certificate key.
                boolean controlPlaneFile = joinFile && a.host().startsWith("cp-")
                        && plan.spec().distribution() == Distribution.KUBEADM;
                assertThat(a.content().contains(token.reveal())).as("token in %s", a).isEqualTo(joinFile);
                assertThat(a.content().contains(Fixtures.CERT_KEY.reveal())).as("certificate key in %s", a)
                        .isEqualTo(controlPlaneFile);
            }
        }
    }
}
