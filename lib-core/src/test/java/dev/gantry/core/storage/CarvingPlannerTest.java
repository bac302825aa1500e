package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Finding;
import dev.gantry.core.GantryException;
import dev.gantry.core.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarvingPlannerTest {

    private static final CarvingPolicy DEFAULTS = CarvingPolicy.ofDefaults();

    private static ByteSize size(String text) {
        return ByteSize.parse(text);
    }

    private static List<String> codes(CarvingPlan plan) {
        return plan.report().findings().stream().map(Finding::code).toList();
    }

    private static CarvingPlan plan(List<NodeStorage> nodes, Workload w, CarvingPolicy policy) {
        return CarvingPlanner.plan(nodes, List.of(w), StorageDriver.topolvm(), policy);
    }

    @Test
    void namesStatefulSetClaimsAndPodsAsKubernetesDoesAndPutsEachReplicaOnItsOwnNode() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("worker-1", "rack1").withPool("vg0", size("1Ti")),
                NodeStorage.of("worker-2", "rack1").withPool("vg0", size("1Ti")),
                NodeStorage.of("worker-3", "rack2").withPool("vg0", size("1Ti")));
        Workload db = Workload.statefulSet("prod", "db", 3).withClaim("data", size("100Gi"))
                .withClaim("wal", size("10Gi"));

        CarvingPlan plan = plan(nodes, db, DEFAULTS);

        assertThat(plan.report().ok()).isTrue();
        assertThat(plan.placements()).extracting(Placement::claim)
                .containsExactly("data-db-0", "wal-db-0", "data-db-1", "wal-db-1", "data-db-2", "wal-db-2");
        assertThat(plan.placements()).extracting(Placement::pod)
                .containsExactly("db-0", "db-0", "db-1", "db-1", "db-2", "db-2");
        assertThat(plan.placements()).allSatisfy(p -> assertThat(p.namespace()).isEqualTo("prod"));
        for (String pod : List.of("db-0", "db-1", "db-2")) {
            assertThat(plan.placements().stream().filter(p -> p.pod().equals(pod)).map(Placement::node).distinct())
                    .hasSize(1);
        }
        assertThat(plan.placements().stream().map(Placement::node).distinct()).hasSize(3);
    }

    @Test
    void placesAllClaimsOfAPodOnTheOneNodeThatHoldsThemTogether() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("60Gi")),
                NodeStorage.of("b", "r1").withPool("vg0", size("60Gi")),
                NodeStorage.of("c", "r1").withPool("vg0", size("100Gi")));
        Workload pod = Workload.pod("batch", "etl").withClaim("in", size("50Gi")).withClaim("out", size("50Gi"));

        CarvingPlan plan = plan(nodes, pod, DEFAULTS);

        assertThat(plan.placements()).extracting(Placement::node).containsExactly("c", "c");
        assertThat(plan.report().ok()).isTrue();
    }

    @Test
    void reportsJointNoFitAndPlacesNoneOfThePodsClaimsWhenNoNodeHoldsThemAll() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("60Gi")),
                NodeStorage.of("b", "r1").withPool("vg0", size("60Gi")));
        Workload pod = Workload.pod("batch", "etl").withClaim("in", size("50Gi")).withClaim("out", size("50Gi"));

        CarvingPlan plan = plan(nodes, pod, DEFAULTS);

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.report().failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CARVE-JOINT-NO-FIT");
            assertThat(f.subject()).isEqualTo("batch/etl");
        });
    }

    @Test
    void reportsNoFitForAClaimLargerThanEveryPool() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("60Gi")));
        CarvingPlan plan = plan(nodes, Workload.pod("ns", "p").withClaim("big", size("61Gi")), DEFAULTS);

        assertThat(plan.report().failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CARVE-NO-FIT");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.subject()).isEqualTo("ns/big");
        });
    }

    @Test
    void reportsNoFitForAClaimBoundToAPoolNoNodeHas() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("60Gi")));
        CarvingPlan plan = plan(nodes, Workload.pod("ns", "p").withClaim("x", size("1Gi"), "fast"), DEFAULTS);

        assertThat(plan.report().failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CARVE-NO-FIT");
            assertThat(f.message()).contains("no node has pool fast");
        });
    }

    @Test
    void takesClaimsBoundToAPoolFromThatPool() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("slow", size("1Ti"))
                .withPool(Pool.of("fast", size("100Gi"))));
        CarvingPlan plan = plan(nodes, Workload.statefulSet("ns", "kafka", 1).withClaim("log", size("10Gi"), "fast")
                .withClaim("data", size("500Gi")), CarvingPolicy.ofDefaults().withSpread(Spread.NODE));

        assertThat(plan.placements()).extracting(Placement::claim, Placement::pool)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("log-kafka-0", "fast"),
                        org.assertj.core.groups.Tuple.tuple("data-kafka-0", "slow"));
    }

    @Test
    void keepsReplicasOnDifferentNodesAndReportsTheOneThatWouldHaveToShare() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("1Ti")),
                NodeStorage.of("b", "r2").withPool("vg0", size("1Ti")));
        CarvingPlan plan = plan(nodes, Workload.statefulSet("prod", "db", 3).withClaim("data", size("1Gi")),
                DEFAULTS.withSpread(Spread.NODE));

        assertThat(plan.placements()).extracting(Placement::node).containsExactlyInAnyOrder("a", "b");
        assertThat(plan.report().failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CARVE-REPLICAS-SHARE-NODE");
            assertThat(f.subject()).isEqualTo("prod/db-2");
        });
    }

    @Test
    void keepsReplicasInDifferentFailureDomainsWhenAsked() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("1Ti")),
                NodeStorage.of("b", "r1").withPool("vg0", size("1Ti")),
                NodeStorage.of("c", "r2").withPool("vg0", size("1Ti")));
        Workload db = Workload.statefulSet("prod", "db", 3).withClaim("data", size("1Gi"));

        CarvingPlan byDomain = plan(nodes, db, DEFAULTS.withSpread(Spread.FAILURE_DOMAIN));
        CarvingPlan byNode = plan(nodes, db, DEFAULTS.withSpread(Spread.NODE));

        assertThat(byDomain.placements()).extracting(Placement::node).containsExactlyInAnyOrder("a", "c");
        assertThat(codes(byDomain)).contains("CARVE-REPLICAS-SHARE-DOMAIN").doesNotContain("CARVE-REPLICAS-SHARE-NODE");
        assertThat(byNode.report().ok()).isTrue();
        assertThat(byNode.placements()).hasSize(3);
    }

    @Test
    void letsReplicasShareANodeWithoutSpread() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("1Ti")));
        CarvingPlan plan = plan(nodes, Workload.statefulSet("prod", "db", 3).withClaim("data", size("1Gi")),
                DEFAULTS.withSpread(Spread.NONE));

        assertThat(plan.placements()).hasSize(3);
        assertThat(plan.report().ok()).isTrue();
    }

    @Test
    void keepsTheReservFreeInEveryPool() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("100Gi")));
        List<Workload> pods = List.of(Workload.pod("ns", "p1").withClaim("c1", size("50Gi")),
                Workload.pod("ns", "p2").withClaim("c2", size("45Gi")));

        CarvingPlan without = CarvingPlanner.plan(nodes, pods, StorageDriver.topolvm(), DEFAULTS);
        CarvingPlan with = CarvingPlanner.plan(nodes, pods, StorageDriver.topolvm(),
                DEFAULTS.withReserve(size("10Gi")));

        assertThat(without.placements()).hasSize(2);
        assertThat(with.placements()).extracting(Placement::claim).containsExactly("c1");
        assertThat(with.report().failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CARVE-NO-FIT");
            assertThat(f.message()).contains("other claims");
        });
    }

    @Test
    void countsRoundedSizesAgainstThePool() {
        // Three 100 MiB claims striped over 2 take 104 MiB each: 312 MiB do not fit 310 MiB.
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1")
                .withPool(Pool.of("vg0", size("310Mi")).striped(2)));
        CarvingPlan plan = plan(nodes, Workload.pod("ns", "p").withClaim("c1", size("100Mi"))
                .withClaim("c2", size("100Mi")).withClaim("c3", size("100Mi")), DEFAULTS);

        assertThat(plan.placements()).isEmpty();
        assertThat(codes(plan)).contains("CARVE-JOINT-NO-FIT");
    }

    @Test
    void reportsRoundingThatAddedBytes() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool(Pool.of("vg0", size("1Ti")).striped(2)),
                NodeStorage.of("b", "r2").withPool(Pool.of("vg0", size("1Ti")).striped(2)));
        CarvingPlan plan = plan(nodes, Workload.statefulSet("ns", "db", 2).withClaim("data", size("100Mi")), DEFAULTS);

        assertThat(plan.placements()).allSatisfy(p -> {
            assertThat(p.requested()).isEqualTo(size("100Mi"));
            assertThat(p.allocated()).isEqualTo(size("104Mi"));
        });
        assertThat(plan.report().bySeverity(Severity.INFO)).filteredOn(f -> f.code().equals("CARVE-ROUNDED"))
                .hasSize(2).first().satisfies(f -> assertThat(f.message()).contains("104 MiB"));
        assertThat(plan.allocated("a", "vg0")).isEqualTo(size("104Mi"));
    }

    @Test
    void roundsLvmLocalPvClaimsToWholeGib() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("1Ti")));
        CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(Workload.pod("ns", "p").withClaim("c", size("1.5Gi"))),
                StorageDriver.lvmLocalPv(), DEFAULTS);

        assertThat(plan.placements()).singleElement().satisfies(p -> assertThat(p.allocated()).isEqualTo(size("2Gi")));
    }

    @Test
    void warnsWhenASingleReplicaSitsOnRaid0Storage() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool(Pool.of("md", size("1Ti")).onRaid0()),
                NodeStorage.of("b", "r2").withPool(Pool.of("st", size("1Ti")).striped(2)));
        CarvingPlan single = plan(nodes, Workload.statefulSet("ns", "solo", 1).withClaim("data", size("1Gi")), DEFAULTS);
        CarvingPlan replicated = plan(nodes, Workload.statefulSet("ns", "db", 2).withClaim("data", size("1Gi")),
                DEFAULTS);
        CarvingPlan pod = plan(nodes, Workload.pod("ns", "p").withClaim("data", size("1Gi")), DEFAULTS);

        assertThat(single.report().bySeverity(Severity.WARN)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CARVE-UNREPLICATED-ON-RAID0");
            assertThat(f.subject()).isEqualTo("ns/solo");
        });
        assertThat(codes(replicated)).doesNotContain("CARVE-UNREPLICATED-ON-RAID0");
        assertThat(codes(pod)).contains("CARVE-UNREPLICATED-ON-RAID0");
    }

    @Test
    void warnsWhenAllReplicasShareOneRaid0Node() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool(Pool.of("md", size("1Ti")).onRaid0()));
        CarvingPlan plan = plan(nodes, Workload.statefulSet("ns", "db", 3).withClaim("data", size("1Gi")),
                DEFAULTS.withSpread(Spread.NONE));

        assertThat(codes(plan)).contains("CARVE-UNREPLICATED-ON-RAID0");
    }

    @Test
    void doesNotWarnAboutASingleReplicaOnPlainStorage() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("1Ti")));
        CarvingPlan plan = plan(nodes, Workload.statefulSet("ns", "solo", 1).withClaim("data", size("1Gi")), DEFAULTS);

        assertThat(plan.report().bySeverity(Severity.WARN)).isEmpty();
    }

    @Test
    void warnsThatLocalPathDoesNotEnforceSizes() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("ssd", size("4Ti")));
        CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(Workload.pod("ns", "p").withClaim("c", size("1Ti"))),
                StorageDriver.localPath(), DEFAULTS);

        assertThat(plan.report().bySeverity(Severity.WARN)).extracting(Finding::code)
                .containsExactly("CARVE-SIZE-NOT-ENFORCED");
        assertThat(plan.placements()).singleElement()
                .satisfies(p -> assertThat(p.allocated()).isEqualTo(size("1Ti")));
    }

    @Test
    void turnsAZeroTopolvmRequestIntoOneGib() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", size("2Gi")));
        CarvingPlan plan = plan(nodes, Workload.pod("ns", "p").withClaim("c", ByteSize.ZERO), DEFAULTS);

        assertThat(plan.placements()).singleElement().satisfies(p -> assertThat(p.allocated()).isEqualTo(size("1Gi")));
    }

    @Test
    void endsTheMarkdownReportWithAMermaidDiagramOfNodesPoolsAndClaims() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("worker-1", "rack1").withPool("vg0", size("1Ti")));
        String md = plan(nodes, Workload.pod("ns", "p").withClaim("data", size("1Gi")), DEFAULTS).report().toMarkdown();

        assertThat(md.strip()).endsWith("```");
        String diagram = md.substring(md.lastIndexOf("```mermaid"));
        assertThat(diagram).contains("flowchart", "domain rack1", "node worker-1", "vg0", "ns/data");
    }

    @Test
    void drawsLargePlansCutToAFewNodes() {
        List<NodeStorage> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            nodes.add(NodeStorage.of("n" + i, "r" + (i % 3)).withPool("vg0", size("10Gi")));
        }
        CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(Workload.statefulSet("ns", "s", 100)
                .withClaim("d", size("20Gi"))), StorageDriver.topolvm(), DEFAULTS);

        assertThat(plan.report().diagrams()).singleElement().satisfies(d -> {
            assertThat(d).contains("70 more nodes not drawn", "100 claims not placed");
        });
    }

    @Test
    void plansNothingForNoWorkloadsOrNoNodes() {
        CarvingPlan none = CarvingPlanner.plan(List.of(), List.of(), StorageDriver.topolvm(), DEFAULTS);
        assertThat(none.placements()).isEmpty();
        assertThat(none.report().ok()).isTrue();
        assertThat(none.manifests()).isEmpty();

        CarvingPlan noNodes = CarvingPlanner.plan(List.of(), List.of(Workload.pod("ns", "p").withClaim("c",
                size("1Gi"))), StorageDriver.topolvm(), DEFAULTS);
        assertThat(codes(noNodes)).contains("CARVE-NO-FIT");
    }

    @Test
    void handlesNodesWithoutPoolsAndWorkloadsWithoutReplicas() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("empty", "r1"), NodeStorage.of("a", "r1").withPool("vg0",
                size("1Ti")));
        CarvingPlan plan = CarvingPlanner.plan(nodes, List.of(Workload.statefulSet("ns", "zero", 0)
                .withClaim("d", size("1Gi")), Workload.pod("ns", "p").withClaim("c", size("1Gi"))),
                StorageDriver.topolvm(), DEFAULTS);

        assertThat(plan.placements()).extracting(Placement::node).containsExactly("a");
    }

    @Test
    void refusesDuplicateNodesWorkloadsAndClaimNames() {
        NodeStorage a = NodeStorage.of("a", "r1").withPool("vg0", size("1Ti"));
        Workload p = Workload.pod("ns", "p").withClaim("c", size("1Gi"));
        assertThatThrownBy(() -> CarvingPlanner.plan(List.of(a, a), List.of(), StorageDriver.topolvm(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node a is listed twice");
        assertThatThrownBy(() -> CarvingPlanner.plan(List.of(a), List.of(p, p), StorageDriver.topolvm(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
        // data-a-b-0 from template "data" of StatefulSet "a-b" and template "data-a" of StatefulSet "b".
        Workload one = Workload.statefulSet("ns", "a-b", 1).withClaim("data", size("1Gi"));
        Workload two = Workload.statefulSet("ns", "b", 1).withClaim("data-a", size("1Gi"));
        assertThatThrownBy(() -> CarvingPlanner.plan(List.of(a), List.of(one, two), StorageDriver.topolvm(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ns/data-a-b-0");
        assertThatThrownBy(() -> a.withPool("vg0", size("1Gi")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool vg0 twice");
        assertThatThrownBy(() -> p.withClaim("c", size("1Gi")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claim c twice");
    }

    @Test
    void refusesMoreClaimsThanOnePlanMayHold() {
        Workload huge = Workload.statefulSet("ns", "s", Workload.MAX_REPLICAS).withClaim("a", size("1Gi"))
                .withClaim("b", size("1Gi")).withClaim("c", size("1Gi")).withClaim("d", size("1Gi"))
                .withClaim("e", size("1Gi")).withClaim("f", size("1Gi")).withClaim("g", size("1Gi"))
                .withClaim("h", size("1Gi")).withClaim("i", size("1Gi")).withClaim("j", size("1Gi"))
                .withClaim("k", size("1Gi"));
        assertThatThrownBy(() -> CarvingPlanner.plan(List.of(), List.of(huge), StorageDriver.topolvm(), DEFAULTS))
                .isInstanceOf(GantryException.class).hasMessageContaining("smaller batches");
    }

    @Test
    void refusesInvalidCountsAndNames() {
        assertThatThrownBy(() -> Workload.statefulSet("ns", "s", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> Workload.statefulSet("ns", "s", Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Workload.statefulSet("Prod", "s", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace 'Prod'");
        assertThatThrownBy(() -> NodeStorage.of("a b", "r1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeStorage.of("a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.of("-vg", size("1Gi"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.of("vg", size("1Gi")).striped(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pool.of("vg", size("1Gi")).withExtent(size("3Mi")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> ByteSize.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Workload.statefulSet("ns", "x".repeat(250), 10).withClaim("data", size("1Gi")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claim name generated");
    }

    @Test
    void leavesOutClaimsWhoseRoundedSizeOverflows() {
        List<NodeStorage> nodes = List.of(NodeStorage.of("a", "r1").withPool("vg0", ByteSize.ofBytes(Long.MAX_VALUE)));
        CarvingPlan plan = plan(nodes, Workload.pod("ns", "p").withClaim("c", ByteSize.ofBytes(Long.MAX_VALUE - 1)),
                DEFAULTS);

        assertThat(plan.placements()).isEmpty();
        assertThat(codes(plan)).contains("CARVE-NO-FIT");
    }
}
