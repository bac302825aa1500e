package dev.gantry.core.controlplane;

import static dev.gantry.core.controlplane.Fixtures.kubeadm;
import static dev.gantry.core.controlplane.Fixtures.masters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.Role;
import dev.gantry.core.Severity;
import dev.gantry.core.etcd.Quorum;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ControlPlanePlannerTest {

    private static final HaPolicy DEFAULTS = HaPolicy.ofDefaults();

    static List<Finding> findings(ControlPlanePlan plan, String code) {
        return plan.report().findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    static Finding only(ControlPlanePlan plan, String code) {
        List<Finding> found = findings(plan, code);
        assertThat(found).as("findings with code %s in%n%s", code, plan.report().toText()).hasSize(1);
        return found.get(0);
    }

    static ControlPlanePlan plan(Inventory inventory, ControlPlaneSpec spec) {
        return ControlPlanePlanner.plan(inventory, spec, DEFAULTS);
    }

    @Nested
    class Summary {

        @Test
        void reportsQuorumSpreadAndEndpointFirst() {
            ControlPlanePlan plan = plan(Fixtures.threeZones(), kubeadm("k8s-api.prod.example.com"));

            assertThat(plan.report().findings().subList(0, 3)).extracting(Finding::code)
                    .containsExactly("HA-QUORUM", "HA-SPREAD", "HA-ENDPOINT");
            assertThat(only(plan, "HA-QUORUM").message()).contains("3 voting etcd members").contains("quorum 2")
                    .contains("tolerates 1 failure");
            assertThat(only(plan, "HA-SPREAD").message()).contains("3 failure domain(s)")
                    .contains("eu-west-1a: cp-1").contains("eu-west-1c: cp-3");
            assertThat(only(plan, "HA-ENDPOINT").message()).contains("https://k8s-api.prod.example.com:6443");
            assertThat(plan.quorum()).contains(Quorum.of(3));
            assertThat(plan.report().ok()).isTrue();
        }

        @Test
        void endsWithAMermaidDiagramOfDomainsMastersAndEndpoint() {
            ControlPlanePlan plan = plan(Fixtures.threeZones(), kubeadm("k8s-api.prod.example.com"));
            String markdown = plan.report().toMarkdown();

            assertThat(plan.report().diagrams()).hasSize(1);
            assertThat(markdown).contains("```mermaid\nflowchart LR\n")
                    .contains("subgraph d0[\"eu-west-1a\"]\n    m0[\"cp-1<br/>10.0.1.11\"]\n  end")
                    .contains("ep([\"https://k8s-api.prod.example.com:6443\"])")
                    .contains("m0 --> ep").contains("m1 --> ep").contains("m2 --> ep")
                    .endsWith("```\n");
        }

        @Test
        void everyFailingOrWarningFindingHasARemedy() {
            Inventory bad = Inventory.of(
                    Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE),
                    Machine.of("cp-2", "10.0.2.11", Role.CONTROL_PLANE));
            List<ControlPlanePlan> plans = List.of(
                    plan(bad, kubeadm("").withVip("10.0.1.10", "eth0")),
                    plan(bad, Fixtures.k3s("10.0.1.11").withCertSans()),
                    plan(masters(9, "a"), kubeadm("10.0.1.10").withVip("10.0.1.10", "eth0")));

            List<Finding> bads = plans.stream().flatMap(p -> p.report().findings().stream())
                    .filter(f -> f.severity().isWorseThan(Severity.INFO)).toList();
            assertThat(bads).extracting(Finding::code).contains("HA-TOO-FEW-MEMBERS", "HA-QUORUM-EVEN",
                    "HA-TOO-MANY-MEMBERS", "HA-ZONE-LOSS-BREAKS-QUORUM", "HA-ENDPOINT-MISSING", "HA-ENDPOINT-IS-NODE",
                    "HA-VIP-SPANS-SUBNETS", "HA-SAN-MISSING", "HA-LB-PORT-CLASH", "HA-JOIN-CA-UNPINNED");
            assertThat(bads).allSatisfy(f -> assertThat(f.hasRemedy()).as(f.code()).isTrue());
        }
    }

    @Nested
    class Members {

        @Test
        void oneMasterIsTooFewForTheDefaults() {
            Finding f = only(plan(masters(1, "a"), kubeadm("k8s-api")), "HA-TOO-FEW-MEMBERS");

            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("1 voting members").contains("at least 3").contains("single point of failure");
            assertThat(f.remedy()).contains("add 2 more machine(s) with role control-plane");
        }

        @Test
        void threeMastersAreEnoughAndOneIsEnoughForSingleNode() {
            assertThat(only(plan(masters(3, "a", "b", "c"), kubeadm("k8s-api")), "HA-MEMBERS-ENOUGH").severity())
                    .isEqualTo(Severity.PASS);
            ControlPlanePlan dev = ControlPlanePlanner.plan(masters(1, "a"), kubeadm("k8s-api"), HaPolicy.singleNode());
            assertThat(only(dev, "HA-MEMBERS-ENOUGH").severity()).isEqualTo(Severity.PASS);
            assertThat(dev.report().ok()).isTrue();
        }

        @Test
        void evenMemberCountsFail() {
            Finding f = only(plan(masters(4, "a", "b", "c", "d"), kubeadm("k8s-api")), "HA-QUORUM-EVEN");

            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("4 voting members tolerate 1 failure(s), no more than 3");
            assertThat(f.remedy()).isEqualTo("use 3 or 5 voting members");
        }

        @Test
        void oddCountsPassAndEvenOnesOnlyWarnWhenThePolicyAllowsThem() {
            assertThat(only(plan(masters(5, "a", "b", "c", "d", "e"), kubeadm("k8s-api")), "HA-QUORUM-ODD").severity())
                    .isEqualTo(Severity.PASS);
            ControlPlanePlan lenient = ControlPlanePlanner.plan(masters(4, "a", "b", "c", "d"), kubeadm("k8s-api"),
                    DEFAULTS.withOddMembers(false));
            assertThat(only(lenient, "HA-QUORUM-EVEN").severity()).isEqualTo(Severity.WARN);
        }

        @Test
        void moreThanSevenMembersFailUnlessThePolicyAllowsThem() {
            Inventory nine = masters(9, "a", "b", "c");

            Finding f = only(plan(nine, kubeadm("k8s-api")), "HA-TOO-MANY-MEMBERS");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("9 voting members, more than the 7 allowed");
            assertThat(only(plan(masters(7, "a", "b", "c"), kubeadm("k8s-api")), "HA-MEMBERS-WITHIN-MAX").severity())
                    .isEqualTo(Severity.PASS);
            assertThat(only(ControlPlanePlanner.plan(nine, kubeadm("k8s-api"), DEFAULTS.withMaxMembers(9)),
                    "HA-MEMBERS-WITHIN-MAX").severity()).isEqualTo(Severity.PASS);
        }

        @Test
        void externalEtcdCountsTheEtcdMachinesAndNeedsTwoApiServers() {
            ControlPlaneSpec spec = kubeadm("k8s-api").withEtcd(EtcdTopology.EXTERNAL);
            ControlPlanePlan good = plan(Fixtures.externalEtcd(), spec);
            assertThat(good.quorum()).contains(Quorum.of(3));
            assertThat(findings(good, "HA-MEMBERS-ENOUGH")).extracting(Finding::subject, Finding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("etcd", Severity.PASS),
                            org.assertj.core.groups.Tuple.tuple("api servers", Severity.PASS));
            assertThat(good.report().ok()).as(good.report().toText()).isTrue();

            Inventory oneMasterTwoEtcd = Inventory.of(Fixtures.master("cp-1", "10.0.1.11", "a"),
                    Fixtures.etcd("etcd-1", "10.0.1.21", "a"), Fixtures.etcd("etcd-2", "10.0.1.22", "b"));
            assertThat(findings(plan(oneMasterTwoEtcd, spec), "HA-TOO-FEW-MEMBERS"))
                    .extracting(Finding::subject, Finding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("etcd", Severity.FAIL),
                            org.assertj.core.groups.Tuple.tuple("api servers", Severity.FAIL));
        }
    }

    @Nested
    class FailureDomains {

        @Test
        void twoOfThreeMastersInOneZoneBreakQuorumWhenThatZoneFails() {
            Finding f = only(plan(masters(3, "eu-west-1a", "eu-west-1a", "eu-west-1b"), kubeadm("k8s-api")),
                    "HA-ZONE-LOSS-BREAKS-QUORUM");

            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("losing eu-west-1a (cp-1, cp-2)").contains("quorum of 2 of 3")
                    .doesNotContain("eu-west-1b (");
            assertThat(f.remedy()).contains("no failure domain holds 2 or more");
        }

        @Test
        void machinesWithoutADomainShareOne() {
            Inventory plain = Inventory.of(Machine.of("cp-1", "10.0.1.11", Role.CONTROL_PLANE),
                    Machine.of("cp-2", "10.0.1.12", Role.CONTROL_PLANE), Machine.of("cp-3", "10.0.1.13", Role.CONTROL_PLANE));

            Finding f = only(plan(plain, kubeadm("k8s-api")), "HA-ZONE-LOSS-BREAKS-QUORUM");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("losing unspecified (cp-1, cp-2, cp-3)")
                    .contains("machines without a failureDomain count as one domain");
        }

        @Test
        void fiveMastersSpreadTwoTwoOneSurviveAnyZone() {
            Finding f = only(plan(masters(5, "a", "b", "c"), kubeadm("k8s-api")), "HA-ZONE-LOSS-SURVIVED");

            assertThat(f.severity()).isEqualTo(Severity.PASS);
            assertThat(f.message()).contains("leaves a quorum of 3").contains("a: cp-1, cp-4");
        }

        @Test
        void singleNodePolicyDoesNotRequireIt() {
            ControlPlanePlan dev = ControlPlanePlanner.plan(masters(1, "a"), kubeadm("k8s-api"), HaPolicy.singleNode());

            assertThat(only(dev, "HA-ZONE-LOSS-BREAKS-QUORUM").severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void externalEtcdWithEveryApiServerInOneZoneFails() {
            Inventory inventory = Inventory.of(Fixtures.master("cp-1", "10.0.1.11", "a"),
                    Fixtures.master("cp-2", "10.0.1.12", "a"), Fixtures.etcd("etcd-1", "10.0.1.21", "a"),
                    Fixtures.etcd("etcd-2", "10.0.2.21", "b"), Fixtures.etcd("etcd-3", "10.0.3.21", "c"));

            ControlPlanePlan plan = plan(inventory, kubeadm("k8s-api").withEtcd(EtcdTopology.EXTERNAL));
            assertThat(findings(plan, "HA-ZONE-LOSS-SURVIVED")).extracting(Finding::subject, Finding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("etcd", Severity.PASS));
            assertThat(findings(plan, "HA-ZONE-LOSS-BREAKS-QUORUM")).extracting(Finding::subject, Finding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("api servers", Severity.FAIL));
            assertThat(only(plan, "HA-ZONE-LOSS-BREAKS-QUORUM").message()).contains("every control-plane machine is in a");
        }
    }

    @Nested
    class Endpoints {

        @Test
        void missingEndpointFailsWithSeveralMastersAndWarnsWithOne() {
            Finding several = only(plan(Fixtures.threeZones(), kubeadm("")), "HA-ENDPOINT-MISSING");
            assertThat(several.severity()).isEqualTo(Severity.FAIL);
            assertThat(several.remedy()).contains("DNS name");

            ControlPlanePlan dev = ControlPlanePlanner.plan(masters(1, "a"), kubeadm(""), HaPolicy.singleNode());
            assertThat(only(dev, "HA-ENDPOINT-MISSING").severity()).isEqualTo(Severity.WARN);
            assertThat(only(plan(Fixtures.threeZones(), kubeadm("k8s-api")), "HA-ENDPOINT-SET").severity())
                    .isEqualTo(Severity.PASS);
        }

        @Test
        void endpointThatIsOneMastersAddressOrNameFails() {
            Finding byAddress = only(plan(Fixtures.threeZones(), kubeadm("10.0.2.11")), "HA-ENDPOINT-IS-NODE");
            assertThat(byAddress.severity()).isEqualTo(Severity.FAIL);
            assertThat(byAddress.message()).contains("is cp-2's own address");

            assertThat(only(plan(Fixtures.threeZones(), kubeadm("cp-3:6443")), "HA-ENDPOINT-IS-NODE").severity())
                    .isEqualTo(Severity.FAIL);
            Inventory v6 = Inventory.of(Fixtures.master("cp-1", "fd00:0:0:1::11", "a"),
                    Fixtures.master("cp-2", "fd00:0:0:1::12", "b"), Fixtures.master("cp-3", "fd00:0:0:1::13", "c"));
            assertThat(only(plan(v6, kubeadm("[fd00:0000:0:1:0::11]")), "HA-ENDPOINT-IS-NODE").message())
                    .contains("cp-1");
        }

        @Test
        void endpointOfItsOwnPasses() {
            assertThat(only(plan(Fixtures.threeZones(), kubeadm("10.0.1.10")), "HA-ENDPOINT-NOT-A-NODE").severity())
                    .isEqualTo(Severity.PASS);
        }

        @Test
        void vipAcrossCloudMastersInDifferentSubnetsFails() {
            Finding f = only(plan(Fixtures.threeZones(), kubeadm("10.0.1.10:8443").withVip("10.0.1.10", "eth0")),
                    "HA-VIP-SPANS-SUBNETS");

            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("10.0.1.0/24").contains("cp-2 (10.0.2.11)").contains("cp-3 (10.0.3.11)")
                    .doesNotContain("cp-1 (");
        }

        @Test
        void vipOfCloudMastersThatBareMetalWorkersCannotReachFails() {
            ControlPlaneSpec spec = kubeadm("10.0.1.10:8443").withVip(Vip.of("10.0.1.10", "eth0").withPrefixLength(16));

            Finding f = only(plan(Fixtures.threeZones(), spec), "HA-VIP-SPANS-SUBNETS");
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("cloud masters").contains("worker-1 (192.168.10.21)");
        }

        @Test
        void vipShareByBareMetalMastersOfOneSubnetPassesEvenWithRoutedWorkers() {
            ControlPlaneSpec spec = kubeadm("10.0.1.10:8443").withVip("10.0.1.10", "eth0");
            Inventory routed = Fixtures.plus(Fixtures.oneSubnet(), Fixtures.worker("worker-9", "10.9.0.9", "rack9"));

            assertThat(only(plan(Fixtures.oneSubnet(), spec), "HA-VIP-ONE-SUBNET").severity()).isEqualTo(Severity.PASS);
            assertThat(only(plan(routed, spec), "HA-VIP-ONE-SUBNET").severity()).isEqualTo(Severity.PASS);
            assertThat(findings(plan(Fixtures.oneSubnet(), kubeadm("k8s-api")), "HA-VIP-SPANS-SUBNETS")).isEmpty();
        }

        @Test
        void haproxyOnTheApiServerPortClashes() {
            Finding clash = only(plan(Fixtures.oneSubnet(), kubeadm("10.0.1.10").withVip("10.0.1.10", "eth0")),
                    "HA-LB-PORT-CLASH");
            assertThat(clash.severity()).isEqualTo(Severity.FAIL);
            assertThat(clash.remedy()).contains("10.0.1.10:8443");
            assertThat(only(plan(Fixtures.oneSubnet(), kubeadm("10.0.1.10:8443").withVip("10.0.1.10", "eth0")),
                    "HA-LB-PORT-FREE").severity()).isEqualTo(Severity.PASS);
        }
    }

    @Nested
    class CertificateNames {

        @Test
        void k3sWithoutTheEndpointInTlsSanFails() {
            Finding f = only(plan(Fixtures.oneSubnet(), Fixtures.k3s("k8s-api.example.com").withCertSans("other.example.com")),
                    "HA-SAN-MISSING");

            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("k8s-api.example.com is not in tls-san");
            assertThat(only(plan(Fixtures.oneSubnet(), Fixtures.k3s("k8s-api.example.com")), "HA-SAN-COMPLETE")
                    .severity()).isEqualTo(Severity.PASS);
        }

        @Test
        void kubeadmAddsTheEndpointItselfButNotTheVipBehindADnsName() {
            assertThat(only(plan(Fixtures.oneSubnet(), kubeadm("k8s-api.example.com")), "HA-SAN-COMPLETE").severity())
                    .isEqualTo(Severity.PASS);

            ControlPlaneSpec vipBehindName = kubeadm("k8s-api.example.com:8443").withVip("10.0.1.10", "eth0");
            Finding f = only(plan(Fixtures.oneSubnet(), vipBehindName), "HA-SAN-MISSING");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).contains("VIP 10.0.1.10 is not in apiServer.certSANs");
            assertThat(only(plan(Fixtures.oneSubnet(), vipBehindName.withCertSans("10.0.1.10")), "HA-SAN-COMPLETE")
                    .severity()).isEqualTo(Severity.PASS);
        }

        @Test
        void kubeadmJoinsWithoutPinnedCaWarnUntilAHashIsGiven() {
            assertThat(only(plan(Fixtures.threeZones(), kubeadm("k8s-api")), "HA-JOIN-CA-UNPINNED").severity())
                    .isEqualTo(Severity.WARN);
            assertThat(only(plan(Fixtures.threeZones(), kubeadm("k8s-api").withCaCertHashes("sha256:" + "0f".repeat(32))),
                    "HA-JOIN-CA-PINNED").severity()).isEqualTo(Severity.PASS);
            assertThat(findings(plan(Fixtures.threeZones(), Fixtures.k3s("k8s-api")), "HA-JOIN-CA-UNPINNED")).isEmpty();
        }
    }

    @Test
    void etcdMachinesWithStackedEtcdAreFlaggedAsUnused() {
        Finding f = only(plan(Fixtures.externalEtcd(), kubeadm("k8s-api")), "HA-ETCD-MACHINES-UNUSED");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).contains("3 machine(s) with role etcd");
        assertThat(findings(plan(Fixtures.externalEtcd(), kubeadm("k8s-api").withEtcd(EtcdTopology.EXTERNAL)),
                "HA-ETCD-MACHINES-UNUSED")).isEmpty();
        assertThat(findings(plan(Fixtures.threeZones(), kubeadm("k8s-api")), "HA-ETCD-MACHINES-UNUSED")).isEmpty();
    }

    @Test
    void workersWithoutAnyControlPlaneGetNoJoinFiles() {
        Inventory workersOnly = Inventory.of(Fixtures.worker("worker-1", "10.0.1.21", "rack1"));

        assertThat(plan(workersOnly, kubeadm("")).artifacts()).isEmpty();
        assertThat(plan(workersOnly, Fixtures.k3s("k8s-api")).artifacts()).isEmpty();
    }

    @Test
    void emptyInventoryGivesFindingsAndNoArtifactsInsteadOfFailing() {
        ControlPlanePlan plan = plan(new Inventory(List.of()), kubeadm("k8s-api"));

        assertThat(plan.quorum()).isEmpty();
        assertThat(plan.artifacts()).isEmpty();
        assertThat(only(plan, "HA-TOO-FEW-MEMBERS").severity()).isEqualTo(Severity.FAIL);
        assertThat(Stream.of("HA-QUORUM-EVEN", "HA-ZONE-LOSS-BREAKS-QUORUM")).allSatisfy(code ->
                assertThat(findings(plan, code)).isEmpty());
    }
}
