package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.ByteSize;
import dev.gantry.core.storage.NodeStorage;
import dev.gantry.core.storage.Pool;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery against fabric8's CRUD mock server. */
@EnableKubernetesMockClient(crud = true)
class StorageDiscoveryTest {

    KubernetesClient client;

    @Test
    void readsTopolvmCapacityAnnotationsAsPoolsPerDeviceClass() {
        Seeds seeds = new Seeds(client);
        seeds.node("worker-1", "rack1", Map.of("capacity.topolvm.io/00default", "107374182400",
                "capacity.topolvm.io/ssd", "53687091200", "other/annotation", "x"));
        seeds.node("worker-2", "rack2", Map.of("capacity.topolvm.io/ssd", "not-a-number"));
        seeds.node("cp-1", "rack1", Map.of());

        List<NodeStorage> nodes = StorageDiscovery.of(client).topolvm();

        assertThat(nodes).extracting(NodeStorage::node).containsExactly("worker-1");
        assertThat(nodes.get(0).failureDomain()).isEqualTo("rack1");
        assertThat(nodes.get(0).pools()).extracting(Pool::name, Pool::free).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("00default", ByteSize.parse("100Gi")),
                org.assertj.core.groups.Tuple.tuple("ssd", ByteSize.parse("50Gi")));
    }

    @Test
    void readsLvmNodeVolumeGroupsAndSkipsNodesThatAreGone() {
        Seeds seeds = new Seeds(client);
        seeds.node("worker-1", "rack1", Map.of());
        // Shape of an lvm-localpv LVMNode (pkg/apis/openebs.io/lvm/v1alpha1 lvmnode.go: volumeGroups[]).
        seeds.lvmNode("worker-1", List.of(Map.of("name", "lvmvg", "uuid", "u1", "size", "100Gi", "free", "80Gi"),
                Map.of("name", "bad", "free", "lots")));
        seeds.lvmNode("worker-gone", List.of(Map.of("name", "lvmvg", "free", "1Gi")));

        List<NodeStorage> nodes = StorageDiscovery.of(client).lvmNodes();

        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.node()).isEqualTo("worker-1");
            assertThat(n.pools()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("lvmvg");
                assertThat(p.free()).isEqualTo(ByteSize.parse("80Gi"));
            });
        });
    }

    @Test
    void readsCsiStorageCapacitiesOfOneClass() {
        Seeds seeds = new Seeds(client);
        seeds.node("worker-1", "rack1", Map.of());
        seeds.node("worker-2", "rack2", Map.of());
        seeds.capacity("csisc-a", "topolvm-ssd", "worker-1", "912Gi");
        seeds.capacity("csisc-b", "topolvm-ssd", "worker-2", "10Gi");
        seeds.capacity("csisc-c", "other", "worker-2", "1Ti");
        seeds.capacity("csisc-d", "topolvm-ssd", "worker-gone", "1Ti");

        List<NodeStorage> nodes = StorageDiscovery.of(client).capacities("topolvm-ssd", Seeds.TOPOLVM_KEY, "ssd");

        assertThat(nodes).extracting(NodeStorage::node).containsExactly("worker-1", "worker-2");
        assertThat(nodes.get(0).pool("ssd").orElseThrow().free()).isEqualTo(ByteSize.parse("912Gi"));
        assertThat(nodes.get(1).failureDomain()).isEqualTo("rack2");
    }

    @Test
    void findsNothingInAnEmptyCluster() {
        assertThat(StorageDiscovery.of(client).topolvm()).isEmpty();
        assertThat(StorageDiscovery.of(client).lvmNodes()).isEmpty();
        assertThat(StorageDiscovery.of(client).capacities("x", Seeds.TOPOLVM_KEY, "ssd")).isEmpty();
    }
}
