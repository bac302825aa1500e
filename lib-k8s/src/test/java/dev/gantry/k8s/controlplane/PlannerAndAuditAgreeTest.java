package dev.gantry.k8s.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.Report;
import dev.gantry.core.Role;
import dev.gantry.core.Severity;
import dev.gantry.core.controlplane.ControlPlanePlanner;
import dev.gantry.core.controlplane.ControlPlaneSpec;
import dev.gantry.core.controlplane.EtcdTopology;
import dev.gantry.core.controlplane.HaPolicy;
import dev.gantry.core.controlplane.HaRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds the same control-plane shapes to the planner (as an inventory and a spec) and to the live
 * audit (as a kubeadm cluster on fabric8's CRUD mock) and asserts that the shared HA rules give
 * both the same codes, subjects and severities, and the FAILs each row expects.
 */
@EnableKubernetesMockClient(crud = true)
class PlannerAndAuditAgreeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String DNS = "k8s-api.prod.example.com";
    private static final String TOO_FEW = "HA-TOO-FEW-MEMBERS";
    private static final String EVEN = "HA-QUORUM-EVEN";
    private static final String TOO_MANY = "HA-TOO-MANY-MEMBERS";
    private static final String ZONE = "HA-ZONE-LOSS-BREAKS-QUORUM";
    private static final String MISSING = "HA-ENDPOINT-MISSING";
    private static final String IS_NODE = "HA-ENDPOINT-IS-NODE";

    KubernetesClient client;

    /** A machine of a shape: its failure domain, or none (no failureDomain, no zone label). */
    record Host(String name, String ip, Optional<String> zone) {
    }

    /**
     * One control-plane shape: masters, external etcd hosts (none for stacked etcd), the endpoint
     * ({@code ""} for none, {@link #DNS}, or a master's IP), the policy, and the FAIL codes expected
     * (a code twice when it fails for etcd and for the API servers).
     */
    record Shape(String title, List<Host> masters, List<Host> etcd, String endpoint, HaPolicy policy,
            List<String> fails) {

        @Override
        public String toString() {
            return title;
        }
    }

    static Stream<Shape> shapes() {
        HaPolicy defaults = HaPolicy.ofDefaults();
        return Stream.of(
                stacked("1 master", "a", DNS, defaults, TOO_FEW, ZONE),
                stacked("1 master, single-node policy", "a", DNS, HaPolicy.singleNode()),
                stacked("1 master that is the endpoint, single-node policy", "a", "10.0.1.11", HaPolicy.singleNode()),
                stacked("2 masters in 2 zones", "ab", DNS, defaults, TOO_FEW, EVEN, ZONE),
                stacked("3 masters in 3 zones", "abc", DNS, defaults),
                stacked("3 masters, 2 in one zone", "aab", DNS, defaults, ZONE),
                stacked("3 masters without zones", "___", DNS, defaults, ZONE),
                stacked("3 masters, endpoint is cp-2", "abc", "10.0.2.11", defaults, IS_NODE),
                stacked("3 masters, no endpoint", "abc", "", defaults, MISSING),
                stacked("4 masters in 4 zones", "abcd", DNS, defaults, EVEN),
                stacked("4 masters, even counts allowed", "abcd", DNS, defaults.withOddMembers(false)),
                stacked("5 masters spread 2-2-1", "abcab", DNS, defaults),
                stacked("5 masters, 3 in one zone", "aaabc", DNS, defaults, ZONE),
                stacked("6 masters in 3 zones", "abcabc", DNS, defaults, EVEN),
                stacked("7 masters in 7 zones", "abcdefg", DNS, defaults),
                stacked("7 masters, at most 5 allowed", "abcdefg", DNS, defaults.withMaxMembers(5), TOO_MANY),
                external("2 masters, 3 external etcd in 3 zones", "ab", "abc", defaults),
                external("2 masters in one zone, 3 external etcd", "aa", "abc", defaults, ZONE),
                external("1 master, 2 external etcd", "a", "ab", defaults, TOO_FEW, TOO_FEW, EVEN, ZONE, ZONE),
                external("3 masters, 4 external etcd", "abc", "abcd", defaults, EVEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void thePlannerAndTheAuditJudgeTheSameShapeAlike(Shape shape) {
        List<String> planned = shared(plan(shape));
        List<String> audited = shared(audit(shape));

        assertThat(audited).as("audit vs plan of %s", shape).containsExactlyElementsOf(planned);
        assertThat(planned).filteredOn(f -> f.startsWith("FAIL ")).map(f -> f.split(" ")[1]).as(shape.title())
                .containsExactlyInAnyOrderElementsOf(shape.fails());
    }

    /** The findings of the shared rules as {@code SEVERITY code subject}, in report order. */
    private static List<String> shared(Report report) {
        return report.findings().stream().filter(f -> HaRules.CODES.contains(f.code()))
                .map(f -> f.severity() + " " + f.code() + " " + f.subject()).toList();
    }

    private static Report plan(Shape shape) {
        List<Machine> machines = new ArrayList<>();
        shape.masters().forEach(h -> machines.add(machine(h, Role.CONTROL_PLANE)));
        shape.etcd().forEach(h -> machines.add(machine(h, Role.ETCD)));
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm(shape.endpoint())
                .withEtcd(shape.etcd().isEmpty() ? EtcdTopology.STACKED : EtcdTopology.EXTERNAL);
        return ControlPlanePlanner.plan(new Inventory(machines), spec, shape.policy()).report();
    }

    private static Machine machine(Host host, Role role) {
        Machine machine = Machine.of(host.name(), host.ip(), role);
        return host.zone().map(machine::withFailureDomain).orElse(machine);
    }

    private Report audit(Shape shape) {
        ClusterSeed seed = new ClusterSeed(client);
        List<String> etcdServers = shape.etcd().isEmpty() ? List.of("https://127.0.0.1:2379")
                : shape.etcd().stream().map(h -> "https://" + h.ip() + ":2379").toList();
        for (Host master : shape.masters()) {
            seed.master(master.name(), master.ip(), master.zone(), true);
            seed.apiServerPod(master.name(), master.ip(), etcdServers);
            if (shape.etcd().isEmpty()) {
                seed.etcdPods(master.name());
            }
        }
        shape.etcd().forEach(h -> seed.etcdNode(h.name(), h.ip(), h.zone().orElseThrow()));
        seed.worker("worker-1", "192.168.10.21");
        seed.apiServerSlice(shape.masters().stream().map(Host::ip).toArray(String[]::new));
        seed.kubeadmConfig(shape.endpoint().isEmpty() ? "" : shape.endpoint() + ":6443");
        seed.lease("kube-scheduler", shape.masters().get(0).name() + "_0e8d9c41", NOW.minusSeconds(5));
        Report report = ControlPlaneAudit.of(client).withPolicy(shape.policy())
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)).check();
        assertThat(report.findings()).as("live findings of %s", shape).filteredOn(f -> !HaRules.CODES.contains(f.code()))
                .allSatisfy(f -> assertThat(f.severity()).isIn(Severity.PASS, Severity.INFO));
        return report;
    }

    /** Masters {@code cp-1…} in the zones the letters name ({@code _} for none), at 10.0.i.11. */
    private static Shape stacked(String title, String zones, String endpoint, HaPolicy policy, String... fails) {
        return new Shape(title, hosts("cp-", zones, 11), List.of(), endpoint, policy, List.of(fails));
    }

    /** As {@link #stacked}, with external etcd hosts {@code etcd-1…} at 10.0.i.21. */
    private static Shape external(String title, String zones, String etcdZones, HaPolicy policy, String... fails) {
        return new Shape(title, hosts("cp-", zones, 11), hosts("etcd-", etcdZones, 21), DNS, policy, List.of(fails));
    }

    private static List<Host> hosts(String prefix, String zones, int lastOctet) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= zones.length(); i++) {
            char zone = zones.charAt(i - 1);
            hosts.add(new Host(prefix + i, "10.0." + i + "." + lastOctet,
                    zone == '_' ? Optional.empty() : Optional.of("zone-" + zone)));
        }
        return hosts;
    }
}
