package dev.gantry.k8s.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.Severity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit against fabric8's CRUD mock server, seeded like a TopoLVM cluster. */
@EnableKubernetesMockClient(crud = true)
class StorageAuditTest {

    KubernetesClient client;

    private Seeds healthyCluster() {
        Seeds seeds = new Seeds(client);
        seeds.topolvmDriver();
        seeds.storageClass("topolvm-ssd", "topolvm.io", "WaitForFirstConsumer", Map.of());
        for (String node : List.of("worker-1", "worker-2")) {
            seeds.node(node, "rack1", Map.of("capacity.topolvm.io/ssd", "107374182400"));
            seeds.csiNode(node);
            seeds.capacity("csisc-" + node, "topolvm-ssd", node, "100Gi");
        }
        return seeds;
    }

    private Report audit() {
        return StorageAudit.of(client).check();
    }

    private List<Finding> withCode(String code) {
        return audit().findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void passesAHealthyCluster() {
        healthyCluster();

        assertThat(audit().findings()).extracting(Finding::code).containsExactly("CARVE-AUDIT-OK");
    }

    @Test
    void warnsAboutLocalClassesThatBindImmediately() {
        healthyCluster().storageClass("local-now", "rancher.io/local-path", "Immediate", Map.of());

        assertThat(withCode("CARVE-IMMEDIATE-BINDING")).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("StorageClass local-now"));
    }

    @Test
    void failsANodeThatRunsTheDriverButHasNoCapacityObject() {
        Seeds seeds = healthyCluster();
        seeds.node("worker-3", "rack2", Map.of());
        seeds.csiNode("worker-3");

        assertThat(withCode("CARVE-CAPACITY-MISSING")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.subject()).isEqualTo("node worker-3");
        });
    }

    @Test
    void warnsAboutCapacityObjectsOfNodesThatAreGone() {
        healthyCluster().capacity("csisc-old", "topolvm-ssd", "worker-9", "5Gi");

        assertThat(withCode("CARVE-CAPACITY-ORPHANED")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("worker-9"));
    }

    @Test
    void warnsWhenACapacityObjectDriftsFromTheNodesOwnFigure() {
        Seeds seeds = new Seeds(client);
        seeds.topolvmDriver();
        seeds.storageClass("topolvm-ssd", "topolvm.io", "WaitForFirstConsumer", Map.of());
        seeds.node("worker-1", "rack1", Map.of("capacity.topolvm.io/ssd", "10737418240"));
        seeds.csiNode("worker-1");
        seeds.capacity("csisc-1", "topolvm-ssd", "worker-1", "100Gi");

        assertThat(withCode("CARVE-CAPACITY-DRIFT")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("100 GiB", "10 GiB"));
        assertThat(StorageAudit.of(client).withDriftTolerance(dev.gantry.core.ByteSize.parse("100Gi")).check()
                .findings()).extracting(Finding::code).doesNotContain("CARVE-CAPACITY-DRIFT");
    }

    @Test
    void explainsAPendingClaimWhoseSelectedNodeIsGone() {
        healthyCluster().pendingClaim("prod", "data-db-0", "topolvm-ssd", "10Gi",
                Map.of("volume.kubernetes.io/selected-node", "worker-gone"));

        assertThat(withCode("CARVE-PVC-PENDING")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("worker-gone is gone");
        });
    }

    @Test
    void explainsAPendingClaimOfAPodPinnedWithNodeName() {
        Seeds seeds = healthyCluster();
        seeds.pendingClaim("prod", "data", "topolvm-ssd", "10Gi", Map.of());
        seeds.pod("prod", "app", "worker-1", "Pending", List.of("data"));

        assertThat(withCode("CARVE-PVC-PENDING")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("spec.nodeName", "bypasses"));
    }

    @Test
    void explainsAPendingClaimThatNoNodeHasCapacityFor() {
        Seeds seeds = healthyCluster();
        seeds.pendingClaim("prod", "big", "topolvm-ssd", "500Gi", Map.of());
        seeds.pod("prod", "app", null, "Pending", List.of("big"));

        assertThat(withCode("CARVE-PVC-PENDING")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no node in its topology has 500 GiB"));
    }

    @Test
    void failsAPendingPodWhoseClaimsFitNoNodeTogether() {
        Seeds seeds = healthyCluster();
        seeds.pendingClaim("prod", "a", "topolvm-ssd", "60Gi", Map.of());
        seeds.pendingClaim("prod", "b", "topolvm-ssd", "60Gi", Map.of());
        seeds.pod("prod", "app", null, "Pending", List.of("a", "b"));

        assertThat(withCode("CARVE-JOINT-NO-FIT")).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("prod/app"));
    }

    @Test
    void warnsAboutASingleReplicaOnAClassMarkedRaid0() {
        Seeds seeds = healthyCluster();
        seeds.storageClass("striped", "topolvm.io", "WaitForFirstConsumer", Map.of("gantry.dev/raid0", "true"));
        seeds.statefulSet("prod", "solo", 1, "striped");
        seeds.statefulSet("prod", "fine", 1, "topolvm-ssd");

        assertThat(withCode("CARVE-UNREPLICATED-ON-RAID0")).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("prod/solo"));
    }

    @Test
    void warnsWhenAllReplicasOfARaid0StatefulSetRunOnOneNode() {
        Seeds seeds = healthyCluster();
        seeds.storageClass("striped", "topolvm.io", "WaitForFirstConsumer", Map.of("gantry.dev/raid0", "true"));
        seeds.statefulSet("prod", "db", 2, "striped");
        seeds.pod("prod", "db-0", "worker-1", "Running", List.of());
        seeds.pod("prod", "db-1", "worker-1", "Running", List.of());

        assertThat(withCode("CARVE-UNREPLICATED-ON-RAID0")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("all 2 replicas on one node"));
    }

    @Test
    void warnsAboutASingleReplicaWhoseClaimIsMarkedRaid0OnAMixedClass() {
        Seeds seeds = healthyCluster();
        seeds.storageClass("mixed", "topolvm.io", "WaitForFirstConsumer", Map.of());
        seeds.statefulSet("prod", "solo", 1, "mixed");
        seeds.pendingClaim("prod", "data-solo-0", "mixed", "10Gi", Map.of("gantry.dev/raid0", "true"));
        seeds.statefulSet("prod", "plain", 1, "mixed");
        seeds.pendingClaim("prod", "data-plain-0", "mixed", "10Gi", Map.of());
        seeds.pendingClaim("prod", "data-plain-extra", "mixed", "10Gi", Map.of("gantry.dev/raid0", "true"));

        assertThat(withCode("CARVE-UNREPLICATED-ON-RAID0")).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("prod/solo"))
                .satisfies(f -> assertThat(f.message()).contains("data-solo-0"));
    }
}
