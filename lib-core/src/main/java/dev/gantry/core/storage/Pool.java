package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.Objects;

/**
 * A place on a node that volumes are carved from: an LVM volume group (TopoLVM device class,
 * lvm-localpv {@code volgroup}), a local-path directory, or the disk set of the static provisioner.
 *
 * <pre>{@code
 * Pool.of("vg0", ByteSize.parse("1.8T"))                 // linear volume group, 4 MiB extents
 * Pool.of("fast", ByteSize.parse("3.6T")).striped(2)     // each volume striped over 2 PVs
 * Pool.of("md", ByteSize.parse("3.6T")).onRaid0()        // volume group on an md raid0 array
 * }</pre>
 *
 * <p>{@code free} is what the driver may carve: for an LVM pool the volume group's free bytes; the
 * planner subtracts the policy's reserve. Striped pools round every volume up to a whole number of
 * extents per stripe (400 MiB over 3 stripes of 4 MiB extents is 408 MiB); a pool on md raid0 is one
 * physical volume and adds no rounding. Both are RAID-0 storage: a failed disk loses every volume.
 * Immutable and thread-safe.
 *
 * @param name the volume group or device-class name, e.g. {@code vg0}
 * @param free the bytes free to carve
 * @param extent the LVM extent size; default 4 MiB
 * @param stripes how many physical volumes LVM stripes each volume over; 1 when not striped
 * @param raid0 whether the volume group sits on an md raid0 array
 */
public record Pool(String name, ByteSize free, ByteSize extent, int stripes, boolean raid0) {

    /** LVM's default extent size, 4 MiB. */
    public static final ByteSize DEFAULT_EXTENT = ByteSize.ofBytes(4 * Sizes.MIB);

    /** The most stripes LVM accepts for one volume. */
    public static final int MAX_STRIPES = 128;

    /**
     * Validates the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the name is not an LVM name, the extent is not a power of
     *     two of at least 1 KiB, or the stripes are outside 1 to {@value #MAX_STRIPES}
     */
    public Pool {
        Names.pool(name, "pool name");
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(extent, "extent");
        long e = extent.bytes();
        if (e < Sizes.KIB || Long.bitCount(e) != 1) {
            throw new IllegalArgumentException("extent of pool " + name + " must be a power of two of at least"
                    + " 1 KiB (LVM's rule; default 4 MiB) but was " + extent);
        }
        if (stripes < 1 || stripes > MAX_STRIPES) {
            throw new IllegalArgumentException("stripes of pool " + name + " must be 1 to " + MAX_STRIPES
                    + " but was " + stripes);
        }
    }

    /**
     * Returns a linear pool with 4 MiB extents.
     *
     * @param name the volume group or device-class name, e.g. {@code vg0}
     * @param free the bytes free to carve
     * @return the pool
     */
    public static Pool of(String name, ByteSize free) {
        return new Pool(name, free, DEFAULT_EXTENT, 1, false);
    }

    /**
     * Returns a copy with another extent size ({@code vgcreate -s}).
     *
     * @param size a power of two of at least 1 KiB, e.g. {@code ByteSize.parse("32M")}
     * @return the copy
     */
    public Pool withExtent(ByteSize size) {
        return new Pool(name, free, size, stripes, raid0);
    }

    /**
     * Returns a copy whose volumes LVM stripes over {@code count} physical volumes (TopoLVM device
     * class {@code stripe}, {@code lvcreate -i}).
     *
     * @param count the number of stripes, 1 to {@value #MAX_STRIPES}
     * @return the copy
     */
    public Pool striped(int count) {
        return new Pool(name, free, extent, count, raid0);
    }

    /**
     * Returns a copy that sits on an md raid0 array (one physical volume, no extra rounding).
     *
     * @return the copy
     */
    public Pool onRaid0() {
        return new Pool(name, free, extent, stripes, true);
    }

    /**
     * Returns a copy with another amount of free bytes.
     *
     * @param bytes the bytes free to carve
     * @return the copy
     */
    public Pool withFree(ByteSize bytes) {
        return new Pool(name, bytes, extent, stripes, raid0);
    }

    /**
     * Tells whether a failed disk loses every volume of this pool: striped over several physical
     * volumes, or on md raid0.
     *
     * @return {@code true} for RAID-0 storage
     */
    public boolean isRaid0() {
        return raid0 || stripes > 1;
    }
}
