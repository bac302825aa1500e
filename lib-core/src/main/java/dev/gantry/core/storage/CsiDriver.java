package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The built-in drivers; see {@link StorageDriver} for their rules. */
record CsiDriver(Flavor flavor, FsType fsType) implements StorageDriver {

    static final String LOCAL_PATH_ROOT = "/opt/local-path-provisioner/";
    private static final String HOSTNAME = "kubernetes.io/hostname";
    private static final long TOPOLVM_SECTOR = 4096;

    /** Which driver. */
    enum Flavor {
        TOPOLVM("topolvm", "topolvm.io", "topology.topolvm.io/node",
                "TopoLVM rounds up to 4 KiB (0 to 1 GiB, at least the filesystem's minimum), then LVM up to"
                + " whole extents per stripe"),
        LVM_LOCALPV("lvm-localpv", "local.csi.openebs.io", "openebs.io/nodename",
                "lvm-localpv rounds above 1 GiB up to whole GiB, else up to whole MiB, then LVM up to whole"
                + " extents per stripe"),
        LOCAL_PATH("local-path", "rancher.io/local-path", HOSTNAME, "local-path does not round"),
        LOCAL_STATIC("local-static", "kubernetes.io/no-provisioner", HOSTNAME,
                "the static provisioner publishes the filesystem's usable size rounded down (whole GiB from"
                + " 10 GiB, whole MiB from 10 MiB), so the logical volume is carved larger");

        final String id;
        final String provisioner;
        final String topologyKey;
        final String rule;

        Flavor(String id, String provisioner, String topologyKey, String rule) {
            this.id = id;
            this.provisioner = provisioner;
            this.topologyKey = topologyKey;
            this.rule = rule;
        }
    }

    CsiDriver {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(fsType, "fsType");
        if (flavor == Flavor.LOCAL_STATIC && fsType != FsType.EXT4 && fsType != FsType.BLOCK) {
            throw new IllegalArgumentException("local-static volumes are ext4 or raw block here (the usable-size"
                    + " model is ext4's) but " + fsType.id() + " was asked for");
        }
        if (flavor == Flavor.LOCAL_PATH && fsType == FsType.BLOCK) {
            throw new IllegalArgumentException("local-path has no raw block volumes (local-path-provisioner#463)");
        }
    }

    @Override
    public String name() {
        return flavor.id;
    }

    @Override
    public String provisioner() {
        return flavor.provisioner;
    }

    @Override
    public String topologyKey() {
        return flavor.topologyKey;
    }

    @Override
    public String bindingMode() {
        return "WaitForFirstConsumer";
    }

    @Override
    public StorageDriver withFsType(FsType value) {
        return new CsiDriver(flavor, value);
    }

    @Override
    public Map<String, String> parameters(String pool) {
        Names.pool(pool, "pool");
        Map<String, String> p = new LinkedHashMap<>();
        switch (flavor) {
            case TOPOLVM -> {
                p.put("topolvm.io/device-class", pool);
                if (fsType != FsType.BLOCK) {
                    p.put("csi.storage.k8s.io/fstype", fsType.id());
                }
            }
            case LVM_LOCALPV -> {
                p.put("storage", "lvm");
                p.put("volgroup", pool);
                if (fsType != FsType.BLOCK) {
                    p.put("fsType", fsType.id());
                }
            }
            case LOCAL_PATH -> p.put("nodePath", LOCAL_PATH_ROOT + pool);
            case LOCAL_STATIC -> { }
            default -> throw new IllegalStateException(flavor.name());
        }
        return Collections.unmodifiableMap(p);
    }

    @Override
    public ByteSize allocate(ByteSize requested, Pool pool) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(pool, "pool");
        try {
            return ByteSize.ofBytes(allocateBytes(requested.bytes(), pool));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(requested + " rounded by " + flavor.id + " on pool " + pool.name()
                    + " exceeds the largest size", e);
        }
    }

    long allocateBytes(long requested, Pool pool) {
        return switch (flavor) {
            case TOPOLVM -> Sizes.lvm(topolvm(requested), pool);
            case LVM_LOCALPV -> Sizes.lvm(requested > Sizes.GIB ? Sizes.roundUp(requested, Sizes.GIB)
                    : Sizes.roundUp(requested, Sizes.MIB), pool);
            case LOCAL_PATH -> requested;
            case LOCAL_STATIC -> staticVolume(requested, pool);
        };
    }

    private long topolvm(long requested) {
        long bytes = requested == 0 ? Sizes.GIB : Sizes.roundUp(requested, TOPOLVM_SECTOR);
        return Math.max(bytes, fsType.topolvmMinimumBytes());
    }

    /** The smallest logical volume (in LVM's rounding) whose published capacity holds the request. */
    private long staticVolume(long requested, Pool pool) {
        long step = Math.multiplyExact(pool.extent().bytes(), pool.stripes());
        long low = Sizes.lvm(requested, pool) / step;
        if (capacityBytes(Math.multiplyExact(low, step)) >= requested) {
            return low * step;
        }
        long high = Math.max(low + 1, low + low / 4 + Sizes.ceilDiv(64 * Sizes.MIB, step));
        while (capacityBytes(Math.multiplyExact(high, step)) < requested) {
            high = Math.multiplyExact(high, 2);
        }
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (capacityBytes(mid * step) >= requested) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high * step;
    }

    @Override
    public ByteSize capacity(ByteSize allocated) {
        return ByteSize.ofBytes(capacityBytes(allocated.bytes()));
    }

    long capacityBytes(long allocated) {
        if (flavor != Flavor.LOCAL_STATIC) {
            return allocated;
        }
        long usable = fsType == FsType.BLOCK ? allocated : Ext4.usableBytes(allocated);
        for (long unit : new long[] {Sizes.GIB, Sizes.MIB}) {
            if (usable / unit >= 10) {
                return Sizes.roundDown(usable, unit);
            }
        }
        return usable;
    }

    @Override
    public boolean enforcesSize() {
        return flavor != Flavor.LOCAL_PATH;
    }

    @Override
    public boolean honoursSelectedNode() {
        return flavor != Flavor.LOCAL_STATIC;
    }

    @Override
    public boolean allowsExpansion() {
        return flavor == Flavor.TOPOLVM || flavor == Flavor.LVM_LOCALPV;
    }

    @Override
    public String roundingRule() {
        return flavor.rule;
    }

    @Override
    public String toString() {
        return flavor.id + " (" + flavor.provisioner + ", " + fsType.id() + ")";
    }
}
