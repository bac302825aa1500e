package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ByteSize;
import dev.gantry.core.workflow.Workflow;
import dev.gantry.core.workflow.WorkflowPlan;
import dev.gantry.core.workflow.WorkflowResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolWorkflowTest {

    private static final String NODE = "worker-1";
    private static final List<String> DISKS = List.of("/dev/sdb", "/dev/sdc", "/dev/sdd");

    private final FakeLvmNode node = new FakeLvmNode("/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/md0", "/dev/sda");

    @Test
    void aRunOnAnEmptyNodeMakesPhysicalVolumesTheGroupAndOneTaggedMountedVolumePerClaim() {
        CarvingPlan plan = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).striped(3));
        PoolWorkflow prep = PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("vg0", DISKS));

        prep.workflow(node).run().orThrow();

        assertThat(node.pvs).containsOnlyKeys(DISKS).allSatisfy((d, vg) -> assertThat(vg).isEqualTo("vg0"));
        assertThat(node.vgs).containsEntry("vg0", 4L * 1024 * 1024);
        assertThat(node.lvs).extracting(FakeLvmNode.Lv::name).containsExactly("prod.data-db-0", "prod.wal-db-0");
        for (Placement p : plan.placements()) {
            FakeLvmNode.Lv lv = node.lvs.stream().filter(l -> l.name().equals("prod." + p.claim())).findFirst()
                    .orElseThrow();
            assertThat(lv.size()).isEqualTo(p.allocated().bytes());
            assertThat(lv.tags()).containsExactly("gantry.claim=prod/" + p.claim());
            assertThat(node.filesystems).containsEntry("/dev/vg0/prod." + p.claim(), "ext4");
            assertThat(node.mounts).containsEntry("/mnt/gantry/vg0/prod." + p.claim(), "/dev/vg0/prod." + p.claim());
            assertThat(node.files.get("/etc/fstab")).contains("/dev/vg0/prod." + p.claim() + " /mnt/gantry/vg0/prod."
                    + p.claim() + " ext4 defaults,nofail 0 2\n");
        }
        assertThat(node.files.get("/etc/fstab")).startsWith("UUID=1234 / ext4 errors=remount-ro 0 1\n");
    }

    @Test
    void aRerunSkipsEveryStepAndChangesNothing() {
        Workflow workflow = staticWorkflow();
        workflow.run().orThrow();
        int changes = node.changes.size();

        WorkflowResult again = workflow.run();

        assertThat(again.ran()).isEmpty();
        assertThat(again.skipped()).hasSize(workflow.steps().size());
        assertThat(node.changes).hasSize(changes);
        assertThat(workflow.dryRun().upToDate()).isTrue();
    }

    @Test
    void theDryRunListsEveryCommandAndChangesNothing() {
        WorkflowPlan dry = staticWorkflow().dryRun();

        assertThat(node.changes).isEmpty();
        assertThat(dry.toRun()).startsWith("worker-1: pvcreate /dev/sdb", "worker-1: pvcreate /dev/sdc",
                "worker-1: pvcreate /dev/sdd", "worker-1: vgcreate -s 4194304b vg0 /dev/sdb /dev/sdc /dev/sdd");
        assertThat(dry.toRun()).anySatisfy(s -> assertThat(s).startsWith("worker-1: lvcreate --name prod.data-db-0"
                + " --size ").endsWith("b --stripes 3 --stripesize 64k --wipesignatures y --yes --addtag"
                + " 'gantry.claim=prod/data-db-0' vg0 /dev/sdb /dev/sdc /dev/sdd"));
        assertThat(dry.toRun()).contains("worker-1: mkfs.ext4 /dev/vg0/prod.data-db-0",
                "worker-1: mount /dev/vg0/prod.data-db-0 /mnt/gantry/vg0/prod.data-db-0");
    }

    @Test
    void everyCommandThatChangesTheNodeNamesOnlyTheLayoutsDevicesOrTheVolumesItCarved() {
        staticWorkflow().run().orThrow();

        assertThat(node.changes).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain("/dev/sda ", "/dev/md0")
                .doesNotEndWith("/dev/sda"));
        assertThat(node.changes).filteredOn(c -> c.startsWith("mkfs") || c.startsWith("mount"))
                .allSatisfy(c -> assertThat(c).contains("/dev/vg0/prod."));
    }

    @Test
    void aPoolOnAnMdArrayIsOnePhysicalVolumeAndItsVolumesAreNotStriped() {
        CarvingPlan plan = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).onRaid0());

        PoolWorkflow.forNode(plan, NODE, PoolLayout.mdArray("vg0", "/dev/md0")).workflow(node).run()
                .orThrow();

        assertThat(node.pvs).containsExactly(java.util.Map.entry("/dev/md0", "vg0"));
        assertThat(node.changes).filteredOn(c -> c.startsWith("lvcreate")).hasSize(2)
                .allSatisfy(c -> assertThat(c).doesNotContain("--stripes").endsWith(" vg0 /dev/md0"));
    }

    @Test
    void lvmRaid0VolumesAreCreatedWithTypeRaid0() {
        CarvingPlan plan = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).striped(2));

        PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("vg0", "/dev/sdb", "/dev/sdc").withLvmRaid0()
                .withStripeSize(ByteSize.parse("256Ki"))).workflow(node).run().orThrow();

        assertThat(node.changes).filteredOn(c -> c.startsWith("lvcreate"))
                .allSatisfy(c -> assertThat(c).contains("--type raid0 --stripes 2 --stripesize 256k"));
    }

    @Test
    void aDeviceInAnotherVolumeGroupFailsThePhysicalVolumeStepAndNothingChanges() {
        node.pvs.put("/dev/sdc", "data");
        node.vgs.put("data", 4L * 1024 * 1024);

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failedStep()).hasValue("worker-1: pvcreate /dev/sdc");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains(
                "/dev/sdc is a physical volume of volume group data, not of vg0"));
        assertThat(node.changes).containsExactly("pvcreate /dev/sdb");
    }

    @Test
    void aVolumeGroupOnOtherDevicesFailsAndIsNotExtendedOrMoved() {
        node.pvs.put("/dev/sdb", "vg0");
        node.pvs.put("/dev/sdc", "vg0");
        node.pvs.put("/dev/sdd", "");
        node.vgs.put("vg0", 4L * 1024 * 1024);

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failedStep()).hasValueSatisfying(s -> assertThat(s).contains("vgcreate"));
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains(
                "volume group vg0 exists on [/dev/sdb, /dev/sdc] but the layout names [/dev/sdb, /dev/sdc, /dev/sdd]"));
        assertThat(node.changes).isEmpty();
    }

    @Test
    void devicesNamedBySymbolicLinkMatchTheNamesLvmReports() {
        node.links.put("/dev/disk/by-id/nvme-a", "/dev/sdb");
        node.pvs.put("/dev/sdb", "vg0");
        node.vgs.put("vg0", 4L * 1024 * 1024);
        CarvingPlan plan = CarvingPlanner.plan(List.of(NodeStorage.of(NODE, "rack1").withPool("vg0",
                ByteSize.parse("10Gi"))), List.of(), StorageDriver.lvmLocalPv(), CarvingPolicy.ofDefaults());

        WorkflowResult result = PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("vg0", "/dev/disk/by-id/nvme-a"))
                .workflow(node).run();

        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(result.ran()).isEmpty();
    }

    @Test
    void aVolumeGroupWithAnotherExtentSizeFailsWithTheFixInTheMessage() {
        DISKS.forEach(d -> node.pvs.put(d, "vg0"));
        node.vgs.put("vg0", 32L * 1024 * 1024);

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("33554432-byte extents",
                "Pool.withExtent(ByteSize.ofBytes(33554432))"));
    }

    @Test
    void aVolumeWithoutTheClaimsTagIsLeftAloneAndFailsTheStep() {
        DISKS.forEach(d -> node.pvs.put(d, "vg0"));
        node.vgs.put("vg0", 4L * 1024 * 1024);
        node.lvs.add(new FakeLvmNode.Lv("vg0", "prod.data-db-0", 1L << 30, Set.of("owner=someone-else")));

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains(
                "vg0/prod.data-db-0 exists without the tag gantry.claim=prod/data-db-0"));
        assertThat(node.changes).isEmpty();
    }

    @Test
    void aVolumeOfAnotherSizeIsNotResizedAndFailsTheStep() {
        DISKS.forEach(d -> node.pvs.put(d, "vg0"));
        node.vgs.put("vg0", 4L * 1024 * 1024);
        node.lvs.add(new FakeLvmNode.Lv("vg0", "prod.data-db-0", 12L << 20, Set.of("gantry.claim=prod/data-db-0")));

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("is 12582912 bytes but"
                + " the plan allocates", "resizes nothing"));
    }

    @Test
    void aVolumeWithAnotherFilesystemIsNotFormatted() {
        Workflow workflow = staticWorkflow();
        node.filesystems.put("/dev/vg0/prod.data-db-0", "xfs");

        WorkflowResult result = workflow.run();

        assertThat(result.failedStep()).hasValue("worker-1: mkfs.ext4 /dev/vg0/prod.data-db-0");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("already holds a xfs"));
        assertThat(node.changes).noneMatch(c -> c.startsWith("mkfs"));
    }

    @Test
    void aMountPointHoldingAnotherDeviceFailsTheMountStep() {
        node.mounts.put("/mnt/gantry/vg0/prod.data-db-0", "/dev/sda");

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failedStep()).hasValue("worker-1: mount /dev/vg0/prod.data-db-0"
                + " /mnt/gantry/vg0/prod.data-db-0");
        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("has /dev/sda mounted"));
    }

    @Test
    void anFstabLineForAnotherDeviceAtTheMountPointFailsTheFstabStep() {
        node.files.put("/etc/fstab", "/dev/sda1 /mnt/gantry/vg0/prod.data-db-0 xfs defaults 0 2\n");

        WorkflowResult result = staticWorkflow().run();

        assertThat(result.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains(
                "/etc/fstab already mounts /dev/sda1 at /mnt/gantry/vg0/prod.data-db-0"));
    }

    @Test
    void fstabDeviceReadsTheFirstActiveLineForTheMountPointAndIgnoresComments() {
        String fstab = "# /mnt/x was /dev/old\n\n/dev/a\t/mnt/x  ext4 defaults 0 2\n/dev/b /mnt/x ext4 defaults 0 2";

        assertThat(FilesystemSteps.fstabDevice(fstab, "/mnt/x")).hasValue("/dev/a");
        assertThat(FilesystemSteps.fstabDevice(fstab, "/mnt")).isEmpty();
        assertThat(FilesystemSteps.fstabDevice("", "/mnt/x")).isEmpty();
    }

    @Test
    void topolvmGetsAnLvmdFileWithOneDeviceClassPerPoolWrittenOnceAndRewrittenWhenItDiffers() {
        CarvingPlan plan = CarvingPlanner.plan(List.of(NodeStorage.of(NODE, "rack1")
                        .withPool(Pool.of("fast", ByteSize.parse("100Gi")).striped(2))
                        .withPool(Pool.of("md", ByteSize.parse("100Gi")).onRaid0())),
                List.of(Workload.pod("prod", "db").withClaim("data", ByteSize.parse("400Mi"), "fast")),
                StorageDriver.topolvm(), CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("10Gi")));
        PoolWorkflow prep = PoolWorkflow.forNode(plan, NODE, List.of(
                PoolLayout.disks("fast", "/dev/sdb", "/dev/sdc").withLvmRaid0(), PoolLayout.mdArray("md", "/dev/md0")));
        Workflow workflow = prep.workflow(node);

        workflow.run().orThrow();
        node.files.put("/etc/topolvm/lvmd.yaml", "device-classes: []\n");
        WorkflowResult again = workflow.run();

        assertThat(prep.lvmdConfig()).hasValue("""
                socket-name: /run/topolvm/lvmd.sock
                device-classes:
                - name: fast
                  volume-group: fast
                  default: true
                  spare-gb: 10
                  stripe: 2
                  stripe-size: 64k
                  lvcreate-options:
                  - --type=raid0
                - name: md
                  volume-group: md
                  default: false
                  spare-gb: 10
                """);
        assertThat(again.ran()).containsExactly("worker-1: write /etc/topolvm/lvmd.yaml");
        assertThat(node.files.get("/etc/topolvm/lvmd.yaml")).isEqualTo(prep.lvmdConfig().orElseThrow());
        assertThat(node.lvs).as("TopoLVM carves its own volumes").isEmpty();
        assertThat(prep.provisionerConfigMap("kube-system", "x")).isEmpty();
    }

    @Test
    void topolvmNeedsALayoutForEveryPoolAndAReserveOfWholeGib() {
        NodeStorage two = NodeStorage.of(NODE, "rack1").withPool("a", ByteSize.parse("10Gi"))
                .withPool("b", ByteSize.parse("10Gi"));
        CarvingPlan plan = CarvingPlanner.plan(List.of(two), List.of(), StorageDriver.topolvm(),
                CarvingPolicy.ofDefaults());
        CarvingPlan halfGib = CarvingPlanner.plan(List.of(NodeStorage.of(NODE, "rack1").withPool("a",
                ByteSize.parse("10Gi"))), List.of(), StorageDriver.topolvm(),
                CarvingPolicy.ofDefaults().withReserve(ByteSize.parse("512Mi")));

        assertThatThrownBy(() -> PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("a", "/dev/sdb")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool b has no layout");
        assertThatThrownBy(() -> PoolWorkflow.forNode(halfGib, NODE, PoolLayout.disks("a", "/dev/sdb")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spare-gb");
    }

    @Test
    void theStaticProvisionerConfigMapMapsThePlansClassToTheDiscoveryDirectory() {
        CarvingPlan plan = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).striped(3));
        PoolWorkflow prep = PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("vg0", DISKS)
                .withDiscoveryDir("/mnt/fast-disks"));

        assertThat(prep.provisionerConfigMap("kube-system", "local-static-provisioner-config")).hasValue("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: local-static-provisioner-config
                  namespace: kube-system
                  labels:
                    app.kubernetes.io/managed-by: gantry
                data:
                  storageClassMap: |
                    gantry-local-static-vg0:
                      hostDir: /mnt/fast-disks
                      mountDir: /mnt/fast-disks
                      volumeMode: Filesystem
                      fsType: ext4
                """);
        assertThat(prep.lvmdConfig()).isEmpty();
        assertThat(prep.volumes()).hasSize(2);
    }

    @Test
    void lvmLocalPvNeedsOnlyTheVolumeGroup() {
        CarvingPlan plan = plan(StorageDriver.lvmLocalPv(), Pool.of("vg0", ByteSize.parse("100Gi")));

        Workflow workflow = PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("vg0", "/dev/sdb")).workflow(node);

        assertThat(workflow.steps()).extracting(s -> s.name()).containsExactly("worker-1: pvcreate /dev/sdb",
                "worker-1: vgcreate -s 4194304b vg0 /dev/sdb");
    }

    @Test
    void layoutsThatDoNotFitThePlanAreRefusedBeforeAnythingRuns() {
        CarvingPlan striped = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).striped(3));
        CarvingPlan linear = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")));
        CarvingPlan onMd = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).onRaid0());
        CarvingPlan path = plan(StorageDriver.localPath(), Pool.of("vg0", ByteSize.parse("100Gi")));

        assertThatThrownBy(() -> PoolWorkflow.forNode(striped, NODE, PoolLayout.disks("vg0", "/dev/sdb", "/dev/sdc")))
                .hasMessageContaining("striped(3) but its layout has 2 devices");
        assertThatThrownBy(() -> PoolWorkflow.forNode(linear, NODE, PoolLayout.mdArray("vg0", "/dev/md0")))
                .hasMessageContaining("without onRaid0()");
        assertThatThrownBy(() -> PoolWorkflow.forNode(onMd, NODE, PoolLayout.disks("vg0", "/dev/sdb")))
                .hasMessageContaining("PoolLayout.mdArray(\"vg0\", \"/dev/md0\")");
        assertThatThrownBy(() -> PoolWorkflow.forNode(linear, NODE, PoolLayout.disks("vg0", "/dev/sdb").withLvmRaid0()))
                .hasMessageContaining("LVM raid0 needs striped(2)");
        assertThatThrownBy(() -> PoolWorkflow.forNode(linear, "worker-9", PoolLayout.disks("vg0", "/dev/sdb")))
                .hasMessageContaining("node worker-9 is not in the plan");
        assertThatThrownBy(() -> PoolWorkflow.forNode(linear, NODE, PoolLayout.disks("vg1", "/dev/sdb")))
                .hasMessageContaining("has no pool vg1");
        assertThatThrownBy(() -> PoolWorkflow.forNode(path, NODE, PoolLayout.disks("vg0", "/dev/sdb")))
                .hasMessageContaining("local-path pools are directories");
        assertThatThrownBy(() -> PoolWorkflow.forNode(plan(StorageDriver.localStatic().withFsType(FsType.BLOCK),
                Pool.of("vg0", ByteSize.parse("100Gi"))), NODE, PoolLayout.disks("vg0", "/dev/sdb")))
                .hasMessageContaining("raw block");
    }

    @Test
    void aPoolOrADeviceInTwoLayoutsAndAPoolThatCannotNameADeviceClassAreRefused() {
        NodeStorage two = NodeStorage.of(NODE, "rack1").withPool("a", ByteSize.parse("10Gi"))
                .withPool("b+c", ByteSize.parse("10Gi"));
        CarvingPlan local = CarvingPlanner.plan(List.of(two), List.of(), StorageDriver.lvmLocalPv(),
                CarvingPolicy.ofDefaults());
        CarvingPlan topolvm = CarvingPlanner.plan(List.of(two), List.of(), StorageDriver.topolvm(),
                CarvingPolicy.ofDefaults());

        assertThatThrownBy(() -> PoolWorkflow.forNode(local, NODE, List.of(PoolLayout.disks("a", "/dev/sdb"),
                PoolLayout.disks("a", "/dev/sdc")))).hasMessageContaining("pool a has two layouts");
        assertThatThrownBy(() -> PoolWorkflow.forNode(local, NODE, List.of(PoolLayout.disks("a", "/dev/sdb"),
                PoolLayout.disks("b+c", "/dev/sdb")))).hasMessageContaining("device /dev/sdb is in two pools");
        assertThatThrownBy(() -> PoolWorkflow.forNode(topolvm, NODE, List.of(PoolLayout.disks("a", "/dev/sdb"),
                PoolLayout.disks("b+c", "/dev/sdc")))).hasMessageContaining("cannot name a TopoLVM device class");
        assertThat(PoolWorkflow.forNode(local, NODE, List.of(PoolLayout.disks("b+c", "/dev/sdc"))).workflow(node)
                .steps()).hasSize(2);
    }

    @Test
    void hostilePathsAreRefusedByTheLayout() {
        for (String device : List.of("/dev/../etc/passwd", "-rf", "/dev/sdb; rm -rf /", "/dev/sd b", "/dev/sdb\n",
                "sdb", "/dev/", "/etc/shadow", "/dev/./sdb")) {
            assertThatThrownBy(() -> PoolLayout.disks("vg0", device)).as(device)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain absolute path");
        }
        assertThatThrownBy(() -> PoolLayout.disks("vg0", "/dev/sdb").withDiscoveryDir("mnt/disks"))
                .hasMessageContaining("discovery directory");
        assertThatThrownBy(() -> PoolLayout.disks("vg0", "/dev/sdb", "/dev/sdb")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PoolLayout.disks("vg0")).hasMessageContaining("at least one device");
        assertThatThrownBy(() -> PoolLayout.disks("-vg", "/dev/sdb")).hasMessageContaining("pool name");
        assertThatThrownBy(() -> PoolLayout.disks("vg0", "/dev/sdb").withStripeSize(ByteSize.parse("48Ki")))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> PoolLayout.disks("vg0", "/dev/sdb").withStripeSize(ByteSize.parse("2Ki")))
                .hasMessageContaining("at least 4 KiB");
    }

    @Test
    void volumeNamesAreNamespaceDotClaimUnlessTooLongOrReserved() {
        Placement plain = placement("prod", "data-db-0");
        Placement reserved = placement("snapshots", "data");
        Placement longName = placement("prod", "x".repeat(120));

        assertThat(PoolSteps.volumeName(plain, "vg0")).isEqualTo("prod.data-db-0");
        assertThat(PoolSteps.volumeName(reserved, "vg0")).matches("gantry-[0-9a-f]{16}");
        assertThat(PoolSteps.volumeName(longName, "vg0")).matches("gantry-[0-9a-f]{16}")
                .isNotEqualTo(PoolSteps.volumeName(placement("prod", "y".repeat(120)), "vg0"));
        assertThat(PoolSteps.tag(plain)).isEqualTo("gantry.claim=prod/data-db-0");
    }

    private static Placement placement(String namespace, String claim) {
        ByteSize size = ByteSize.parse("1Gi");
        return new Placement(namespace, "db", claim, "db-0", NODE, "vg0", size, size);
    }

    private Workflow staticWorkflow() {
        CarvingPlan plan = plan(StorageDriver.localStatic(), Pool.of("vg0", ByteSize.parse("100Gi")).striped(3));
        return PoolWorkflow.forNode(plan, NODE, PoolLayout.disks("vg0", DISKS)).workflow(node);
    }

    private static CarvingPlan plan(StorageDriver driver, Pool pool) {
        Workload db = Workload.statefulSet("prod", "db", 1).withClaim("data", ByteSize.parse("10Gi"))
                .withClaim("wal", ByteSize.parse("1Gi"));
        CarvingPlan plan = CarvingPlanner.plan(List.of(NodeStorage.of(NODE, "rack1").withPool(pool)), List.of(db),
                driver, CarvingPolicy.ofDefaults());
        assertThat(plan.placements()).hasSize(2);
        return plan;
    }
}
