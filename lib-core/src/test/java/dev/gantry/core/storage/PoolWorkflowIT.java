package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.ByteSize;
import dev.gantry.core.exec.Host;
import dev.gantry.test.harness.Programs;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.Workflow;
import dev.gantry.core.workflow.WorkflowResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The pool workflow against the real LVM tools on loop devices, in LVM's metadata-only mode (this
 * kernel has no device-mapper: {@code global{activation=0}}, see {@link LoopDevices}): the sizes,
 * stripes and tags LVM itself records are compared with the plan. Volumes cannot be activated here,
 * so the filesystem steps of the static provisioner's workflow are left out of these runs; {@link
 * StaticVolumeFilesystemIT} runs them on a loop device instead.
 */
class PoolWorkflowIT {

    private static final long DISK = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;
    private static final String NODE = "node-1";

    @BeforeAll
    static void lvmIsInstalled() {
        Programs.require("losetup", "mount");
        Programs.require("lvm", "lvm2");
    }

    @Test
    void staticVolumesOnLinearStripedAndRaid0PoolsAreCarvedAtThePlannedSizesTaggedWithTheirClaims()
            throws IOException {
        try (LoopDevices loops = LoopDevices.attach("pool-static", 6, DISK)) {
            CarvingPlan plan = plan(StorageDriver.localStatic(), Workload.pod("prod", "db")
                    .withClaim("wal", ByteSize.parse("100Mi"), "lin")
                    .withClaim("data", ByteSize.parse("400Mi"), "str")
                    .withClaim("logs", ByteSize.parse("100Mi"), "rzero"));
            Workflow lvm = lvmSteps(PoolWorkflow.forNode(plan, NODE, layouts(loops.devices())).withHost(Host.local())
                    .workflow(loops.executor())).withExecutor(loops.executor());

            assertThat(lvm.dryRun().toRun()).hasSize(lvm.steps().size()).anyMatch(s -> s.contains("lvcreate"));
            assertThat(rows(loops.lvm("pvs", "--reportformat", "json", "-o", "pv_name"), "pv"))
                    .as("the dry run changed nothing").isEmpty();
            lvm.run().orThrow();

            Map<String, LvmRows.Row> volumes = volumes(loops);
            assertThat(volumes).hasSize(3);
            for (Placement p : plan.placements()) {
                LvmRows.Row lv = volumes.get("prod." + p.claim());
                assertThat(lv).as("volume of %s", p.claim()).isNotNull();
                assertThat(LvmRows.bytes(lv, "lv_size", "lvs")).as("LVM's size of %s", p.claim())
                        .isEqualTo(p.allocated().bytes());
                assertThat(lv.text("lv_tags")).contains("gantry.claim=prod/" + p.claim());
            }
            assertThat(volumes.get("prod.wal").text("segtype")).contains("linear");
            assertThat(volumes.get("prod.data").text("segtype")).contains("striped");
            assertThat(volumes.get("prod.data").text("stripes")).contains("3");
            assertThat(volumes.get("prod.logs").text("segtype")).contains("raid0");
            assertThat(volumes.get("prod.logs").text("stripes")).contains("2");

            WorkflowResult again = lvm.run();
            assertThat(again.ok()).isTrue();
            assertThat(again.ran()).as("a rerun changes nothing").isEmpty();
            assertThat(again.skipped()).hasSize(lvm.steps().size());
            assertThat(lvm.dryRun().upToDate()).isTrue();
        }
    }

    @Test
    void topolvmDeviceClassesMakeLvmRoundAsThePlannerSaysIncluding400MiBOverThreeStripes() throws IOException {
        try (LoopDevices loops = LoopDevices.attach("pool-topolvm", 6, DISK)) {
            CarvingPlan plan = plan(StorageDriver.topolvm(), Workload.pod("prod", "db")
                    .withClaim("wal", ByteSize.ofBytes(100 * MIB + 1), "lin")
                    .withClaim("data", ByteSize.parse("400Mi"), "str")
                    .withClaim("logs", ByteSize.parse("100Mi"), "rzero"));
            Path lvmdYaml = loops.directory().resolve("etc/topolvm/lvmd.yaml");
            PoolWorkflow prep = PoolWorkflow.forNode(plan, NODE, layouts(loops.devices())).withHost(Host.local())
                    .withLvmdPath(lvmdYaml.toString());
            Workflow workflow = prep.workflow(loops.executor());

            workflow.run().orThrow();
            assertThat(Files.readString(lvmdYaml)).isEqualTo(prep.lvmdConfig().orElseThrow());
            JsonNode classes = new YAMLMapper().readTree(lvmdYaml.toFile()).get("device-classes");
            for (Placement p : plan.placements()) {
                loops.lvm(lvmdCreate(p, deviceClass(classes, p.pool())).toArray(String[]::new));
            }

            Map<String, LvmRows.Row> volumes = volumes(loops);
            Map<String, Long> chosen = new HashMap<>();
            plan.placements().forEach(p -> chosen.put(p.claim(),
                    LvmRows.bytes(volumes.get(p.claim()), "lv_size", "lvs")));
            assertThat(chosen).containsEntry("data", 408 * MIB).containsEntry("logs", 104 * MIB)
                    .containsEntry("wal", 104 * MIB);
            plan.placements().forEach(p -> assertThat(chosen.get(p.claim())).as("LVM's size of %s", p.claim())
                    .isEqualTo(p.allocated().bytes()));
            assertThat(volumes.get("data").text("stripes")).contains("3");
            assertThat(volumes.get("logs").text("segtype")).contains("raid0");
            assertThat(workflow.run().ran()).as("a rerun changes nothing").isEmpty();
        }
    }

    @Test
    void aVolumeGroupOnOtherDevicesThanPlannedFailsTheRunAndIsLeftAsItWas() throws IOException {
        try (LoopDevices loops = LoopDevices.attach("pool-conflict", 7, DISK)) {
            CarvingPlan plan = plan(StorageDriver.lvmLocalPv(), Workload.pod("prod", "db")
                    .withClaim("data", ByteSize.parse("100Mi"), "lin"));
            List<String> d = loops.devices();
            PoolWorkflow.forNode(plan, NODE, layouts(d)).withHost(Host.local()).workflow(loops.executor()).run()
                    .orThrow();
            loops.lvm("pvcreate", d.get(6));
            String before = loops.lvm("pvs", "--reportformat", "json", "-o", "pv_name,vg_name");

            List<PoolLayout> moved = new ArrayList<>(layouts(d));
            moved.set(0, PoolLayout.disks("lin", d.get(6)));
            WorkflowResult result = PoolWorkflow.forNode(plan, NODE, moved).withHost(Host.local())
                    .workflow(loops.executor()).run();

            assertThat(result.ok()).isFalse();
            assertThat(result.failedStep()).hasValueSatisfying(s -> assertThat(s).contains("vgcreate", "lin"));
            assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                    .contains("volume group lin exists on [" + d.get(0) + "]", "never moves a volume group"));
            assertThat(loops.lvm("pvs", "--reportformat", "json", "-o", "pv_name,vg_name")).isEqualTo(before);
        }
    }

    @Test
    void aDeviceThatHoldsAFilesystemIsNotMadeAPhysicalVolume() throws IOException {
        Programs.require("mkfs.ext4", "e2fsprogs");
        try (LoopDevices loops = LoopDevices.attach("pool-busy", 1, DISK)) {
            String device = loops.devices().get(0);
            assertThat(LoopDevices.run(List.of("mkfs.ext4", "-q", device)).exit()).isZero();
            CarvingPlan plan = CarvingPlanner.plan(List.of(NodeStorage.of(NODE, "rack1").withPool("lin",
                    ByteSize.ofBytes(DISK / 2))), List.of(), StorageDriver.lvmLocalPv(), CarvingPolicy.ofDefaults());

            WorkflowResult result = PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("lin", device))
                    .withHost(Host.local()).workflow(loops.executor()).run();

            assertThat(result.failedStep()).hasValue("localhost: pvcreate " + device);
            assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("ext4"));
            assertThat(LoopDevices.run(List.of("blkid", "-p", "-o", "value", "-s", "TYPE", device)).stdout().strip())
                    .as("the filesystem is still there").isEqualTo("ext4");
        }
    }

    /** The lvcreate TopoLVM's lvmd runs for a claim (internal/lvmd/command: -L bytes, -i/-I, options). */
    private static List<String> lvmdCreate(Placement p, JsonNode deviceClass) {
        long requested = p.requested().bytes();
        long bytes = Math.max(requested == 0 ? 1024 * MIB : (requested + 4095) / 4096 * 4096, 32 * MIB);
        List<String> argv = new ArrayList<>(List.of("lvcreate", "-n", p.claim(), "-L", bytes + "b", "-W", "y", "-y"));
        if (deviceClass.has("stripe")) {
            argv.addAll(List.of("-i", deviceClass.get("stripe").asString(), "-I",
                    deviceClass.get("stripe-size").asString()));
        }
        if (deviceClass.has("lvcreate-options")) {
            deviceClass.get("lvcreate-options").forEach(o -> argv.add(o.asString()));
        }
        argv.add(deviceClass.get("volume-group").asString());
        return argv;
    }

    private static JsonNode deviceClass(JsonNode classes, String name) {
        for (JsonNode c : classes) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("lvmd.yaml has no device class " + name + ": " + classes);
    }

    private static CarvingPlan plan(StorageDriver driver, Workload workload) {
        long free = DISK - 4 * MIB;
        NodeStorage node = NodeStorage.of(NODE, "rack1")
                .withPool(Pool.of("lin", ByteSize.ofBytes(free)))
                .withPool(Pool.of("str", ByteSize.ofBytes(3 * free)).striped(3))
                .withPool(Pool.of("rzero", ByteSize.ofBytes(2 * free)).striped(2));
        CarvingPlan plan = CarvingPlanner.plan(List.of(node), List.of(workload), driver, CarvingPolicy.ofDefaults());
        assertThat(plan.report().ok()).as("%s", plan.report()).isTrue();
        return plan;
    }

    private static List<PoolLayout> layouts(List<String> d) {
        return List.of(PoolLayout.disks("lin", d.get(0)),
                PoolLayout.disks("str", d.get(1), d.get(2), d.get(3)),
                PoolLayout.disks("rzero", d.get(4), d.get(5)).withLvmRaid0());
    }

    /** The workflow without its filesystem steps, which need activated volumes. */
    private static Workflow lvmSteps(Workflow workflow) {
        List<Step> lvm = workflow.steps().stream().filter(s -> s.name().contains(": pvcreate ")
                || s.name().contains(": vgcreate ") || s.name().contains(": lvcreate ")).toList();
        return Workflow.of(lvm);
    }

    private static Map<String, LvmRows.Row> volumes(LoopDevices loops) {
        Map<String, LvmRows.Row> byName = new HashMap<>();
        for (LvmRows.Row row : rows(loops.lvm("lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o",
                "lv_name,lv_size,lv_tags,segtype,stripes"), "lv")) {
            byName.put(row.text("lv_name").orElseThrow(), row);
        }
        return byName;
    }

    private static List<LvmRows.Row> rows(String json, String section) {
        return LvmRows.parse(json, section, section + "s");
    }
}
