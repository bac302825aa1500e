package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.ByteSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random node sets and workloads (fixed seeds, so failures reproduce): the plan's invariants and FFD. */
class CarvingPropertyTest {

    private static final StorageDriver[] DRIVERS = {StorageDriver.topolvm(), StorageDriver.lvmLocalPv(),
        StorageDriver.localPath(), StorageDriver.localStatic(), StorageDriver.topolvm().withFsType(FsType.XFS)};

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 300; s++) {
            seeds.add(s);
        }
        return seeds;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void placesAtLeastAsMuchAsFirstFitDecreasingAndNeverOvercommits(long seed) {
        Random random = new Random(seed);
        List<NodeStorage> nodes = nodes(random);
        List<Workload> workloads = workloads(random, nodes);
        StorageDriver driver = DRIVERS[random.nextInt(DRIVERS.length)];
        Spread spread = Spread.values()[random.nextInt(3)];
        CarvingPolicy policy = CarvingPolicy.ofDefaults().withSpread(spread)
                .withReserve(ByteSize.ofBytes(random.nextInt(3) * 2L * Sizes.GIB));

        CarvingPlan plan = CarvingPlanner.plan(nodes, workloads, driver, policy);

        long placed = plan.placements().stream().mapToLong(p -> p.requested().bytes()).sum();
        assertThat(placed).as("bytes placed vs FFD, seed %d", seed)
                .isGreaterThanOrEqualTo(FirstFitDecreasing.placedBytes(nodes, workloads, driver, policy));
        checkInvariants(plan, nodes, workloads, driver, policy);
    }

    private static void checkInvariants(CarvingPlan plan, List<NodeStorage> nodes, List<Workload> workloads,
            StorageDriver driver, CarvingPolicy policy) {
        Map<String, NodeStorage> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.node(), n));
        Map<String, Long> used = new HashMap<>();
        Map<String, String> podNode = new HashMap<>();
        Map<String, Set<String>> workloadNodes = new HashMap<>();
        Map<String, Set<String>> workloadDomains = new HashMap<>();
        Map<String, Integer> podCount = new HashMap<>();
        for (Placement p : plan.placements()) {
            Pool pool = byName.get(p.node()).pool(p.pool()).orElseThrow();
            assertThat(p.allocated()).isEqualTo(driver.allocate(p.requested(), pool));
            used.merge(p.node() + "/" + p.pool(), p.allocated().bytes(), Long::sum);
            String pod = p.namespace() + "/" + p.pod();
            assertThat(podNode.putIfAbsent(pod, p.node())).isIn(null, p.node());
            String w = p.namespace() + "/" + p.workload();
            workloadNodes.computeIfAbsent(w, k -> new HashSet<>()).add(p.node());
            workloadDomains.computeIfAbsent(w, k -> new HashSet<>()).add(byName.get(p.node()).failureDomain());
        }
        podNode.keySet().forEach(pod -> podCount.merge(pod.substring(0, pod.indexOf('/')) + "/"
                + workloadOf(plan, pod), 1, Integer::sum));
        used.forEach((key, bytes) -> {
            String[] parts = key.split("/");
            Pool pool = byName.get(parts[0]).pool(parts[1]).orElseThrow();
            assertThat(bytes).as("room used in %s", key)
                    .isLessThanOrEqualTo(Math.max(0, pool.free().bytes() - policy.reserve().bytes()));
        });
        for (Workload w : workloads) {
            String key = w.namespace() + "/" + w.name();
            long placedClaims = plan.placements().stream()
                    .filter(p -> p.namespace().equals(w.namespace()) && p.workload().equals(w.name())).count();
            assertThat(placedClaims % Math.max(1, w.claims().size())).as("whole pods only").isZero();
            int pods = podCount.getOrDefault(key, 0);
            if (policy.spread() != Spread.NONE) {
                assertThat(workloadNodes.getOrDefault(key, Set.of())).hasSize(pods);
            }
            if (policy.spread() == Spread.FAILURE_DOMAIN) {
                assertThat(workloadDomains.getOrDefault(key, Set.of())).hasSize(pods);
            }
        }
        long unplacedPods = 0;
        for (Workload w : workloads) {
            if (!w.claims().isEmpty()) {
                unplacedPods += w.replicas() - podCount.getOrDefault(w.namespace() + "/" + w.name(), 0);
            }
        }
        assertThat(plan.report().ok()).isEqualTo(unplacedPods == 0);
    }

    private static String workloadOf(CarvingPlan plan, String pod) {
        return plan.placements().stream().filter(p -> (p.namespace() + "/" + p.pod()).equals(pod)).findFirst()
                .orElseThrow().workload();
    }

    private static List<NodeStorage> nodes(Random random) {
        List<NodeStorage> nodes = new ArrayList<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            NodeStorage n = NodeStorage.of("node-" + i, "rack-" + random.nextInt(3));
            int pools = random.nextInt(3);
            for (int p = 0; p < pools; p++) {
                Pool pool = Pool.of("vg" + p, ByteSize.ofBytes((1 + random.nextInt(200)) * Sizes.GIB / 2));
                if (random.nextInt(3) == 0) {
                    pool = pool.striped(2 + random.nextInt(3));
                }
                if (random.nextInt(4) == 0) {
                    pool = pool.onRaid0();
                }
                if (random.nextInt(4) == 0) {
                    pool = pool.withExtent(ByteSize.ofBytes(Sizes.MIB << random.nextInt(6)));
                }
                n = n.withPool(pool);
            }
            nodes.add(n);
        }
        return nodes;
    }

    private static List<Workload> workloads(Random random, List<NodeStorage> nodes) {
        List<Workload> workloads = new ArrayList<>();
        int count = random.nextInt(10);
        for (int i = 0; i < count; i++) {
            Workload w = random.nextBoolean() ? Workload.statefulSet("ns" + random.nextInt(2), "sts-" + i,
                    random.nextInt(5)) : Workload.pod("ns" + random.nextInt(2), "pod-" + i);
            int claims = random.nextInt(4);
            for (int c = 0; c < claims; c++) {
                ByteSize size = ByteSize.ofBytes(random.nextInt(10) == 0 ? 0
                        : (long) (random.nextDouble() * 40 * Sizes.GIB));
                String claim = w.kind() == Workload.Kind.POD ? "c" + c + "-" + i : "c" + c;
                w = random.nextInt(4) == 0 ? w.withClaim(claim, size, "vg" + random.nextInt(3))
                        : w.withClaim(claim, size);
            }
            workloads.add(w);
        }
        return workloads;
    }
}
