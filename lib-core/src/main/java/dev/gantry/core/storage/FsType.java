package dev.gantry.core.storage;

/**
 * What a volume carries: a filesystem (made by the CSI node plugin or by Gantry for the static
 * provisioner) or a raw block device ({@code volumeMode: Block}).
 */
public enum FsType {
    /** ext4; TopoLVM's minimum volume size is 32 MiB. */
    EXT4("ext4", 32 * Sizes.MIB),
    /** XFS; TopoLVM's minimum volume size is 300 MiB. */
    XFS("xfs", 300 * Sizes.MIB),
    /** btrfs; TopoLVM's minimum volume size is 200 MiB. */
    BTRFS("btrfs", 200 * Sizes.MIB),
    /** A raw block device ({@code volumeMode: Block}); TopoLVM's minimum volume size is 8 MiB. */
    BLOCK("block", 8 * Sizes.MIB);

    private final String id;
    private final long topolvmMinimum;

    FsType(String id, long topolvmMinimum) {
        this.id = id;
        this.topolvmMinimum = topolvmMinimum;
    }

    /**
     * Returns the name Kubernetes and the drivers use, such as {@code ext4}; {@code block} for a raw
     * block volume.
     *
     * @return the name
     */
    public String id() {
        return id;
    }

    /**
     * Returns the smallest volume TopoLVM creates for this filesystem (it rounds smaller requests
     * up to it).
     *
     * @return the minimum size in bytes
     */
    public long topolvmMinimumBytes() {
        return topolvmMinimum;
    }
}
