package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.k8s.KubernetesApiException;
import dev.gantry.k8s.controlplane.ControlPlaneAudit;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/** Proves that gantry-k8s brings a working fabric8 client (with its HTTP transport) transitively. */
class KubernetesAuditTest {

    @Test
    void anAuditOfAnUnreachableApiServerFailsWithAnErrorNamingTheRequest() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        Config config = new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1")
                .withConnectionTimeout(2_000)
                .withRequestTimeout(2_000)
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> ControlPlaneAudit.of(client).check())
                    .isInstanceOf(KubernetesApiException.class)
                    .hasMessageContaining("control-plane audit");
        }
    }
}
