package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.ByteSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ManifestsTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static CarvingPlan plan(StorageDriver driver) {
        List<NodeStorage> nodes = List.of(NodeStorage.of("worker-1", "rack1").withPool("vg0", ByteSize.parse("1Ti")),
                NodeStorage.of("worker-2", "rack2").withPool("vg0", ByteSize.parse("1Ti")));
        Workload db = Workload.statefulSet("prod", "db", 2).withClaim("data", ByteSize.parse("100Gi"));
        return CarvingPlanner.plan(nodes, List.of(db), driver, CarvingPolicy.ofDefaults());
    }

    private static List<JsonNode> docs(CarvingPlan plan) {
        return plan.manifests().stream().map(YAML::readTree).toList();
    }

    @Test
    void writesOneStorageClassPerPoolRestrictedToThePlannedNodes() {
        JsonNode sc = docs(plan(StorageDriver.topolvm())).get(0);

        assertThat(sc.get("kind").asString()).isEqualTo("StorageClass");
        assertThat(sc.get("metadata").get("name").asString()).isEqualTo("gantry-topolvm-vg0");
        assertThat(sc.get("provisioner").asString()).isEqualTo("topolvm.io");
        assertThat(sc.get("volumeBindingMode").asString()).isEqualTo("WaitForFirstConsumer");
        assertThat(sc.get("parameters").get("topolvm.io/device-class").asString()).isEqualTo("vg0");
        JsonNode term = sc.get("allowedTopologies").get(0).get("matchLabelExpressions").get(0);
        assertThat(term.get("key").asString()).isEqualTo("topology.topolvm.io/node");
        assertThat(term.get("values")).extracting(JsonNode::asString).containsExactly("worker-1", "worker-2");
    }

    @Test
    void pinsEveryClaimToItsPlannedNodeWithTheSelectedNodeAnnotation() {
        CarvingPlan plan = plan(StorageDriver.topolvm());
        List<JsonNode> claims = docs(plan).subList(1, 3);

        for (int i = 0; i < 2; i++) {
            JsonNode pvc = claims.get(i);
            Placement p = plan.placements().get(i);
            assertThat(pvc.get("kind").asString()).isEqualTo("PersistentVolumeClaim");
            assertThat(pvc.get("metadata").get("name").asString()).isEqualTo("data-db-" + i);
            assertThat(pvc.get("metadata").get("namespace").asString()).isEqualTo("prod");
            assertThat(pvc.get("metadata").get("annotations").get("volume.kubernetes.io/selected-node").asString())
                    .isEqualTo(p.node());
            assertThat(pvc.get("spec").get("storageClassName").asString()).isEqualTo("gantry-topolvm-vg0");
            assertThat(pvc.get("spec").get("resources").get("requests").get("storage").asString()).isEqualTo("100Gi");
            assertThat(pvc.get("spec").get("volumeMode").asString()).isEqualTo("Filesystem");
        }
    }

    @Test
    void marksRaid0OnlyWhereThePoolIsRaid0OnItsNode() {
        List<NodeStorage> nodes = List.of(
                NodeStorage.of("worker-1", "rack1").withPool(Pool.of("vg0", ByteSize.parse("1Ti")).striped(2)),
                NodeStorage.of("worker-2", "rack2").withPool("vg0", ByteSize.parse("1Ti")));
        Workload db = Workload.statefulSet("prod", "db", 2).withClaim("data", ByteSize.parse("100Gi"));
        CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(), CarvingPolicy.ofDefaults());
        List<JsonNode> docs = docs(plan);

        assertThat(docs.get(0).get("metadata").get("annotations").has("gantry.dev/raid0"))
                .as("a class whose pool is plain on worker-2 is not all RAID-0").isFalse();
        for (int i = 0; i < 2; i++) {
            JsonNode annotations = docs.get(1 + i).get("metadata").get("annotations");
            boolean onStriped = plan.placements().get(i).node().equals("worker-1");
            assertThat(annotations.has("gantry.dev/raid0")).as(plan.placements().get(i).toString()).isEqualTo(onStriped);
        }
    }

    @Test
    void marksTheClassRaid0WhenThePoolIsRaid0OnEveryPlannedNode() {
        List<NodeStorage> nodes = List.of(
                NodeStorage.of("worker-1", "rack1").withPool(Pool.of("vg0", ByteSize.parse("1Ti")).onRaid0()),
                NodeStorage.of("worker-2", "rack2").withPool(Pool.of("vg0", ByteSize.parse("1Ti")).striped(3)),
                NodeStorage.of("worker-3", "rack3").withPool("vg0", ByteSize.parse("10Gi")));
        Workload db = Workload.statefulSet("prod", "db", 2).withClaim("data", ByteSize.parse("100Gi"));
        CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(), CarvingPolicy.ofDefaults());

        JsonNode sc = docs(plan).get(0);
        assertThat(sc.get("metadata").get("annotations").get("gantry.dev/raid0").asString()).isEqualTo("true");
        assertThat(sc.get("allowedTopologies").get(0).get("matchLabelExpressions").get(0).get("values"))
                .extracting(JsonNode::asString).containsExactly("worker-1", "worker-2");
    }

    @Test
    void writesKeysInAFixedOrderSoEveryRunRendersTheSameBytes() {
        List<NodeStorage> nodes = List.of(
                NodeStorage.of("worker-1", "rack1").withPool(Pool.of("vg0", ByteSize.parse("1Ti")).onRaid0()));
        Workload db = Workload.statefulSet("prod", "db", 1).withClaim("data", ByteSize.parse("100Gi"));
        String sc = CarvingPlanner.plan(nodes, List.of(db), StorageDriver.topolvm(), CarvingPolicy.ofDefaults())
                .manifests().get(0);

        assertThat(sc).containsSubsequence("gantry.dev/pool: vg0", "gantry.dev/raid0: \"true\"",
                "- key: topology.topolvm.io/node", "values:", "- worker-1");
    }

    @Test
    void leavesTheSelectedNodeOffStaticClaimsWhichBindExistingVolumes() {
        JsonNode pvc = docs(plan(StorageDriver.localStatic())).get(1);

        assertThat(pvc.get("metadata").get("annotations").has("volume.kubernetes.io/selected-node")).isFalse();
        assertThat(pvc.get("metadata").get("annotations").get("gantry.dev/planned-node").asString()).isNotBlank();
        assertThat(docs(plan(StorageDriver.localStatic())).get(0).has("parameters")).isFalse();
    }

    @Test
    void writesBlockVolumesAsVolumeModeBlock() {
        JsonNode pvc = docs(plan(StorageDriver.topolvm().withFsType(FsType.BLOCK))).get(1);

        assertThat(pvc.get("spec").get("volumeMode").asString()).isEqualTo("Block");
    }

    @Test
    void namesClassesValidlyEvenForPoolNamesKubernetesRejects() {
        CarvingPolicy policy = CarvingPolicy.ofDefaults();
        String a = Manifests.className(policy, StorageDriver.topolvm(), "VG_data");
        String b = Manifests.className(policy, StorageDriver.topolvm(), "vg-data");

        assertThat(a).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").isNotEqualTo(b);
        assertThat(Manifests.className(policy, StorageDriver.topolvm(), "x".repeat(127))).hasSizeLessThanOrEqualTo(253);
    }

    @Test
    void writesQuantitiesInTheLargestExactBinaryUnit() {
        assertThat(Manifests.quantity(100L << 30)).isEqualTo("100Gi");
        assertThat(Manifests.quantity(1536L << 20)).isEqualTo("1536Mi");
        assertThat(Manifests.quantity(12345)).isEqualTo("12345");
        assertThat(Manifests.quantity(0)).isEqualTo("0");
    }

    @Test
    void joinsTheDocumentsForKubectl() {
        CarvingPlan plan = plan(StorageDriver.lvmLocalPv());

        assertThat(plan.manifestsYaml().split("(?m)^---$")).hasSize(3);
        assertThat(YAML.readTree(plan.manifests().get(0)).get("parameters").get("volgroup").asString())
                .isEqualTo("vg0");
        assertThat(Map.of("k", plan.storageClassName("vg0"))).containsValue("gantry-lvm-localpv-vg0");
    }
}
