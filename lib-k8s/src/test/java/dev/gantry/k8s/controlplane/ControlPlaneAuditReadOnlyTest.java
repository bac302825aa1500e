package dev.gantry.k8s.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Report;
import dev.gantry.k8s.RecordingClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live audit only reads: every call it makes through the fabric8 client is recorded and none writes. */
@EnableKubernetesMockClient(crud = true)
class ControlPlaneAuditReadOnlyTest {

    KubernetesClient client;

    @Test
    void auditingABrokenClusterWritesNothing() {
        ClusterSeed seed = new ClusterSeed(client);
        seed.master("cp-1", "10.0.1.11", Optional.of("eu-west-1a"), true);
        seed.master("cp-2", "10.0.1.12", Optional.of("eu-west-1a"), false);
        seed.apiServerSlice("10.0.1.11", "10.0.9.99");
        seed.kubeadmConfig("10.0.1.11:6443");
        seed.etcdPods("cp-1");
        seed.lease("kube-scheduler", "cp-1_x", Instant.parse("2026-01-01T00:00:00Z"));
        RecordingClient recorder = RecordingClient.wrapping(client);

        Report report = ControlPlaneAudit.of(recorder.client()).check();

        assertThat(report.ok()).as(report.toText()).isFalse();
        assertThat(recorder.calls()).as("the audit must have read through the recorder").contains("list");
        assertThat(recorder.writes()).as("writes among %s", recorder.calls()).isEmpty();
    }
}
