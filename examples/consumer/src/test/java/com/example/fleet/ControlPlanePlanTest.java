package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import dev.gantry.core.Inventory;
import dev.gantry.core.Report;
import dev.gantry.core.controlplane.ControlPlanePlan;
import dev.gantry.core.controlplane.ControlPlanePlanner;
import dev.gantry.core.controlplane.ControlPlaneSpec;
import dev.gantry.core.controlplane.HaPolicy;
import dev.gantry.test.ReportTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ControlPlanePlanTest {

    private static final Path INVENTORY = Path.of("src/test/resources/inventory.yaml");

    /**
     * Every finding of the HA plan becomes a test in the CI server's test tab. The joins pin the
     * cluster CA, so no rule warns (a WARN would show as an aborted test).
     */
    @TestFactory
    Stream<DynamicTest> theHaPlanPassesEveryRule() {
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api.prod.example.com").withClusterName("prod").
                withCaCertHashes("sha256:" + "3f".repeat(32));
        return ReportTests.of(ControlPlanePlanner.plan(Inventory.load(INVENTORY), spec, HaPolicy.ofDefaults()).report());
    }

    @Test
    void threeMastersInThreeZonesBehindADnsNameMakeAPlanThatPasses() {
        Report report = FleetCheck.check(INVENTORY, "k8s-api.prod.example.com");

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.findings()).isNotEmpty();
    }

    @Test
    void aVipThatCannotMoveBetweenTheZonesFailsThePlanWithARemedy() {
        Inventory inventory = Inventory.load(INVENTORY);
        ControlPlaneSpec spec = ControlPlaneSpec.kubeadm("k8s-api.prod.example.com").withVip("10.0.1.10", "eth0");

        ControlPlanePlan plan = ControlPlanePlanner.plan(inventory, spec, HaPolicy.ofDefaults());

        assertThat(plan.report().ok()).isFalse();
        assertThat(plan.report().failures()).extracting(Finding::remedy).allMatch(remedy -> !remedy.isBlank());
    }

    @Test
    void thePlanRendersFilesForEachMaster() {
        ControlPlanePlan plan = ControlPlanePlanner.plan(Inventory.load(INVENTORY),
                ControlPlaneSpec.kubeadm("k8s-api.prod.example.com"), HaPolicy.ofDefaults());

        assertThat(plan.artifactsFor("cp-1")).isNotEmpty();
        assertThat(plan.token().toString()).doesNotContain(plan.token().reveal());
    }
}
