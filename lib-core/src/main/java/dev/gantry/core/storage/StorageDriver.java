package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Map;

/**
 * A provisioner that carves node-local volumes: its name, StorageClass parameters, topology key,
 * binding mode, and exactly how it rounds a requested size.
 *
 * <table>
 *   <caption>Built-in drivers</caption>
 *   <tr><th>factory</th><th>provisioner</th><th>rounding</th></tr>
 *   <tr><td>{@link #topolvm()}</td><td>{@code topolvm.io}</td><td>up to 4 KiB; 0 becomes 1 GiB; at
 *       least the filesystem's minimum; then LVM's extent and stripe rounding</td></tr>
 *   <tr><td>{@link #lvmLocalPv()}</td><td>{@code local.csi.openebs.io}</td><td>above 1 GiB up to
 *       whole GiB, else whole MiB; then LVM's extent and stripe rounding</td></tr>
 *   <tr><td>{@link #localPath()}</td><td>{@code rancher.io/local-path}</td><td>none; the size is not
 *       enforced</td></tr>
 *   <tr><td>{@link #localStatic()}</td><td>{@code kubernetes.io/no-provisioner}</td><td>a logical
 *       volume whose ext4 usable size, rounded down as the provisioner does (whole GiB from 10 GiB,
 *       whole MiB from 10 MiB), is at least the request</td></tr>
 * </table>
 *
 * <p>Every built-in driver binds with {@code WaitForFirstConsumer}. Implement this interface for
 * another driver; implementations must be immutable and thread-safe.
 */
public interface StorageDriver {

    /**
     * Returns TopoLVM ({@code topolvm.io}) with ext4 volumes (the filesystem its node plugin uses
     * when the class names none); pool names are device classes.
     *
     * @return the driver
     */
    static StorageDriver topolvm() {
        return new CsiDriver(CsiDriver.Flavor.TOPOLVM, FsType.EXT4);
    }

    /**
     * Returns OpenEBS LVM LocalPV ({@code local.csi.openebs.io}) with ext4 volumes; pool names are
     * volume groups ({@code volgroup}).
     *
     * @return the driver
     */
    static StorageDriver lvmLocalPv() {
        return new CsiDriver(CsiDriver.Flavor.LVM_LOCALPV, FsType.EXT4);
    }

    /**
     * Returns Rancher's local-path-provisioner ({@code rancher.io/local-path}); pool names are
     * directories under {@code /opt/local-path-provisioner}. It does not enforce sizes.
     *
     * @return the driver
     */
    static StorageDriver localPath() {
        return new CsiDriver(CsiDriver.Flavor.LOCAL_PATH, FsType.EXT4);
    }

    /**
     * Returns sig-storage-local-static-provisioner ({@code kubernetes.io/no-provisioner} classes):
     * Gantry carves one logical volume per claim, makes ext4 on it and mounts it in the
     * provisioner's discovery directory; the provisioner publishes it with its usable size rounded
     * down.
     *
     * @return the driver
     */
    static StorageDriver localStatic() {
        return new CsiDriver(CsiDriver.Flavor.LOCAL_STATIC, FsType.EXT4);
    }

    /**
     * Returns the driver's short name, used in StorageClass names: {@code topolvm}, {@code
     * lvm-localpv}, {@code local-path} or {@code local-static}.
     *
     * @return a DNS-1123 label
     */
    String name();

    /**
     * Returns the StorageClass {@code provisioner}, e.g. {@code topolvm.io}.
     *
     * @return the provisioner name
     */
    String provisioner();

    /**
     * Returns the node label the driver's volumes are pinned by, e.g. {@code
     * topology.topolvm.io/node}.
     *
     * @return the topology key
     */
    String topologyKey();

    /**
     * Returns the StorageClass {@code volumeBindingMode}.
     *
     * @return {@code WaitForFirstConsumer} for the built-in drivers
     */
    String bindingMode();

    /**
     * Returns what the volumes carry.
     *
     * @return the filesystem, or {@link FsType#BLOCK}
     */
    FsType fsType();

    /**
     * Returns a copy whose volumes carry another filesystem (or are raw block devices).
     *
     * @param value the filesystem
     * @return the copy
     */
    StorageDriver withFsType(FsType value);

    /**
     * Returns the StorageClass {@code parameters} for volumes from one pool.
     *
     * @param pool the pool (device class, volume group or directory) name
     * @return the parameters, in a stable order
     */
    Map<String, String> parameters(String pool);

    /**
     * Returns the bytes a volume of {@code requested} bytes takes from {@code pool}, after the
     * driver's and LVM's rounding.
     *
     * <pre>{@code
     * StorageDriver.topolvm().allocate(ByteSize.parse("100Mi"), Pool.of("vg", free).striped(2))  // 104 MiB
     * StorageDriver.lvmLocalPv().allocate(ByteSize.parse("1.5Gi"), Pool.of("vg", free))        // 2 GiB
     * }</pre>
     *
     * @param requested the requested size
     * @param pool the pool it comes from
     * @return the allocated size, never below {@code requested}
     * @throws IllegalArgumentException when the rounded size exceeds the largest size
     */
    ByteSize allocate(ByteSize requested, Pool pool);

    /**
     * Returns the capacity the PersistentVolume shows for a volume of {@code allocated} bytes: the
     * size itself, or for the static provisioner the filesystem's usable size rounded down.
     *
     * @param allocated the bytes taken from the pool
     * @return the capacity
     */
    ByteSize capacity(ByteSize allocated);

    /**
     * Tells whether the driver keeps a volume within its size.
     *
     * @return {@code false} for local-path
     */
    boolean enforcesSize();

    /**
     * Tells whether the driver provisions a claim on the node named by its {@code
     * volume.kubernetes.io/selected-node} annotation.
     *
     * @return {@code false} for the static provisioner, which binds existing volumes
     */
    boolean honoursSelectedNode();

    /**
     * Tells whether the driver can grow volumes ({@code allowVolumeExpansion}).
     *
     * @return {@code true} for TopoLVM and lvm-localpv
     */
    boolean allowsExpansion();

    /**
     * Describes the rounding in one sentence, for findings.
     *
     * @return the rule
     */
    String roundingRule();
}
