package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ByteSize;
import org.junit.jupiter.api.Test;

class StorageDriverTest {

    private static final ByteSize BIG = ByteSize.parse("10Ti");
    private static final Pool LINEAR = Pool.of("vg0", BIG);

    private static ByteSize size(String text) {
        return ByteSize.parse(text);
    }

    @Test
    void namesEachDriversProvisionerTopologyKeyAndBindingMode() {
        assertThat(StorageDriver.topolvm().provisioner()).isEqualTo("topolvm.io");
        assertThat(StorageDriver.topolvm().topologyKey()).isEqualTo("topology.topolvm.io/node");
        assertThat(StorageDriver.lvmLocalPv().provisioner()).isEqualTo("local.csi.openebs.io");
        assertThat(StorageDriver.lvmLocalPv().topologyKey()).isEqualTo("openebs.io/nodename");
        assertThat(StorageDriver.localPath().provisioner()).isEqualTo("rancher.io/local-path");
        assertThat(StorageDriver.localPath().topologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(StorageDriver.localStatic().provisioner()).isEqualTo("kubernetes.io/no-provisioner");
        for (StorageDriver d : new StorageDriver[] {StorageDriver.topolvm(), StorageDriver.lvmLocalPv(),
                StorageDriver.localPath(), StorageDriver.localStatic()}) {
            assertThat(d.bindingMode()).isEqualTo("WaitForFirstConsumer");
        }
    }

    @Test
    void writesEachDriversStorageClassParameters() {
        assertThat(StorageDriver.topolvm().withFsType(FsType.XFS).parameters("ssd"))
                .containsEntry("topolvm.io/device-class", "ssd").containsEntry("csi.storage.k8s.io/fstype", "xfs");
        assertThat(StorageDriver.lvmLocalPv().parameters("lvmvg"))
                .containsEntry("storage", "lvm").containsEntry("volgroup", "lvmvg").containsEntry("fsType", "ext4");
        assertThat(StorageDriver.localPath().parameters("ssd"))
                .containsEntry("nodePath", "/opt/local-path-provisioner/ssd");
        assertThat(StorageDriver.localStatic().parameters("disks")).isEmpty();
        assertThat(StorageDriver.topolvm().withFsType(FsType.BLOCK).parameters("ssd"))
                .doesNotContainKey("csi.storage.k8s.io/fstype");
    }

    @Test
    void topolvmRoundsUpToFourKibThenToWholeExtents() {
        assertThat(StorageDriver.topolvm().allocate(size("100Mi"), LINEAR)).isEqualTo(size("100Mi"));
        assertThat(StorageDriver.topolvm().allocate(ByteSize.ofBytes(100L * 1024 * 1024 + 1),
                LINEAR.withExtent(size("4k")))).isEqualTo(ByteSize.ofBytes(100L * 1024 * 1024 + 4096));
        assertThat(StorageDriver.topolvm().allocate(size("33Mi"), LINEAR)).isEqualTo(size("36Mi"));
    }

    @Test
    void topolvmTurnsAZeroRequestIntoOneGib() {
        assertThat(StorageDriver.topolvm().allocate(ByteSize.ZERO, LINEAR)).isEqualTo(size("1Gi"));
    }

    @Test
    void topolvmRaisesSmallVolumesToTheFilesystemsMinimum() {
        assertThat(StorageDriver.topolvm().withFsType(FsType.XFS).allocate(size("10Mi"), LINEAR))
                .isEqualTo(size("300Mi"));
        assertThat(StorageDriver.topolvm().withFsType(FsType.EXT4).allocate(size("10Mi"), LINEAR))
                .isEqualTo(size("32Mi"));
        assertThat(StorageDriver.topolvm().withFsType(FsType.BTRFS).allocate(size("10Mi"), LINEAR))
                .isEqualTo(size("200Mi"));
        assertThat(StorageDriver.topolvm().withFsType(FsType.BLOCK).allocate(size("1Mi"), LINEAR))
                .isEqualTo(size("8Mi"));
    }

    @Test
    void stripedPoolsRoundToWholeExtentsPerStripeAsLvmDid() {
        // lvcreate --type raid0 --stripes 2 -L 100M: "Rounding size 100.00 MiB (25 extents) up to
        // stripe boundary size 104.00 MiB (26 extents)" (storage research, measured here).
        assertThat(StorageDriver.topolvm().allocate(size("100Mi"), LINEAR.striped(2))).isEqualTo(size("104Mi"));
        assertThat(StorageDriver.topolvm().allocate(size("400Mi"), LINEAR.striped(3))).isEqualTo(size("408Mi"));
        assertThat(StorageDriver.lvmLocalPv().allocate(size("400Mi"), LINEAR.striped(3))).isEqualTo(size("408Mi"));
    }

    @Test
    void poolsOnMdRaid0AddNoStripeRounding() {
        assertThat(StorageDriver.topolvm().allocate(size("100Mi"), LINEAR.onRaid0())).isEqualTo(size("100Mi"));
    }

    @Test
    void lvmLocalPvRoundsAboveOneGibToWholeGibAndBelowToWholeMib() {
        assertThat(StorageDriver.lvmLocalPv().allocate(size("1.5Gi"), LINEAR)).isEqualTo(size("2Gi"));
        assertThat(StorageDriver.lvmLocalPv().allocate(size("1Gi"), LINEAR)).isEqualTo(size("1Gi"));
        assertThat(StorageDriver.lvmLocalPv().allocate(ByteSize.ofBytes(1024L * 1024 * 1024 + 1), LINEAR))
                .isEqualTo(size("2Gi"));
        assertThat(StorageDriver.lvmLocalPv().allocate(size("1.5Mi"), LINEAR.withExtent(size("1Mi"))))
                .isEqualTo(size("2Mi"));
        assertThat(StorageDriver.lvmLocalPv().allocate(size("1.5Mi"), LINEAR)).isEqualTo(size("4Mi"));
    }

    @Test
    void localPathNeitherRoundsNorEnforces() {
        assertThat(StorageDriver.localPath().allocate(size("1234567"), LINEAR.striped(4))).isEqualTo(size("1234567"));
        assertThat(StorageDriver.localPath().enforcesSize()).isFalse();
        assertThat(StorageDriver.topolvm().enforcesSize()).isTrue();
    }

    @Test
    void localStaticPublishesTheUsableSizeRoundedDownLikeTheProvisioner() {
        // A 1 GiB ext4 loop file measured here: 1,020,702,720 usable bytes -> a 973 MiB PV.
        assertThat(StorageDriver.localStatic().capacity(size("1Gi"))).isEqualTo(size("973Mi"));
        // 10 GiB of ext4 leaves 10,464,022,528 bytes: under 10 GiB, so whole MiB (9979 MiB).
        assertThat(StorageDriver.localStatic().capacity(size("10Gi"))).isEqualTo(size("9979Mi"));
        // 100 GiB leaves 105,089,261,568 bytes: whole GiB, 97 GiB.
        assertThat(StorageDriver.localStatic().capacity(size("100Gi"))).isEqualTo(size("97Gi"));
        assertThat(StorageDriver.localStatic().withFsType(FsType.BLOCK).capacity(size("10.5Gi")))
                .isEqualTo(size("10Gi"));
    }

    @Test
    void localStaticCarvesTheSmallestVolumeWhosePublishedSizeHoldsTheClaim() {
        StorageDriver d = StorageDriver.localStatic();
        ByteSize request = size("100Gi");
        ByteSize volume = d.allocate(request, LINEAR);
        assertThat(d.capacity(volume)).isGreaterThanOrEqualTo(request);
        assertThat(d.capacity(ByteSize.ofBytes(volume.bytes() - Pool.DEFAULT_EXTENT.bytes()))).isLessThan(request);
        assertThat(volume.bytes() % Pool.DEFAULT_EXTENT.bytes()).isZero();
        ByteSize tenAndAHalf = size("10.5Gi");
        assertThat(d.withFsType(FsType.BLOCK).allocate(tenAndAHalf, LINEAR)).isEqualTo(size("11Gi"));
    }

    @Test
    void refusesSizesThatRoundBeyondTheLargestSize() {
        ByteSize huge = ByteSize.ofBytes(Long.MAX_VALUE - 5);
        assertThatThrownBy(() -> StorageDriver.topolvm().allocate(huge, LINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the largest size");
        assertThatThrownBy(() -> StorageDriver.localStatic().allocate(huge, LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesFilesystemsTheStaticModelDoesNotKnow() {
        assertThatThrownBy(() -> StorageDriver.localStatic().withFsType(FsType.XFS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ext4");
        assertThatThrownBy(() -> StorageDriver.localPath().withFsType(FsType.BLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
