package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.k8s.RecordingClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link StorageAudit} and {@link StorageDiscovery} promise to write nothing: run them on a seeded
 * CRUD mock through a client recorded all the way down its DSL ({@link RecordingClient}, whose own
 * test proves it sees deep writes) and check that no mutating fabric8 method was called.
 */
@EnableKubernetesMockClient(crud = true)
class ReadOnlyTest {

    KubernetesClient client;

    private void seed() {
        Seeds seeds = new Seeds(client);
        seeds.topolvmDriver();
        seeds.storageClass("topolvm-ssd", "topolvm.io", "WaitForFirstConsumer", Map.of("gantry.dev/raid0", "true"));
        seeds.node("worker-1", "rack1", Map.of("capacity.topolvm.io/ssd", "107374182400"));
        seeds.csiNode("worker-1");
        seeds.capacity("csisc-1", "topolvm-ssd", "worker-1", "100Gi");
        seeds.capacity("csisc-gone", "topolvm-ssd", "worker-9", "5Gi");
        seeds.pendingClaim("prod", "data-db-0", "topolvm-ssd", "10Gi", Map.of());
        seeds.pod("prod", "db-0", null, "Pending", List.of("data-db-0"));
        seeds.statefulSet("prod", "db", 1, "topolvm-ssd");
        seeds.lvmNode("worker-1", List.of(Map.of("name", "vg0", "free", "100Gi")));
    }

    @Test
    void theStorageAuditCallsNoMutatingMethod() {
        seed();
        RecordingClient recorder = RecordingClient.wrapping(client);

        StorageAudit.of(recorder.client()).check();

        assertThat(recorder.calls()).contains("list");
        assertThat(recorder.writes()).as("writes among %s", recorder.calls()).isEmpty();
    }

    @Test
    void storageDiscoveryCallsNoMutatingMethod() {
        seed();
        RecordingClient recorder = RecordingClient.wrapping(client);
        StorageDiscovery discovery = StorageDiscovery.of(recorder.client());

        discovery.topolvm();
        discovery.lvmNodes();
        discovery.capacities("topolvm-ssd", Seeds.TOPOLVM_KEY, "ssd");

        assertThat(recorder.calls()).contains("list");
        assertThat(recorder.writes()).as("writes among %s", recorder.calls()).isEmpty();
    }
}
