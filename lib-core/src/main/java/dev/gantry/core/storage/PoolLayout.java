package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which block devices make one pool on a node, for {@link PoolWorkflow}: an md raid0 array (one
 * physical volume) or several disks (one physical volume each, volumes striped over them).
 *
 * <pre>{@code
 * PoolLayout.mdArray("vg0", "/dev/md0")                              // Pool.onRaid0()
 * PoolLayout.disks("fast", "/dev/nvme0n1", "/dev/nvme1n1")           // Pool.striped(2)
 * PoolLayout.disks("fast", "/dev/nvme0n1", "/dev/nvme1n1").withLvmRaid0()  // lvcreate --type raid0
 * }</pre>
 *
 * <p>The workflow touches no other device: physical volumes are made on these devices only, logical
 * volumes are allocated on them only, and filesystems are made only on the logical volumes it
 * carved. Defaults: stripe size 64 KiB (LVM's), LVM striping ({@code -i}), discovery directory
 * {@code /mnt/gantry/<pool>} for the static provisioner. Immutable and thread-safe.
 *
 * @param pool the plan's pool: the volume group (and TopoLVM device class) name
 * @param devices the block devices, e.g. {@code /dev/md0}; each once
 * @param mdArray whether the single device is an md raid0 array
 * @param lvmRaid0 whether striped volumes are {@code --type raid0} (dm-raid) rather than {@code -i}
 *     (dm-stripe)
 * @param stripeSize how much LVM writes to one device before the next ({@code -I})
 * @param discoveryDir the static provisioner's {@code hostDir} that volumes are mounted under
 */
public record PoolLayout(String pool, List<String> devices, boolean mdArray, boolean lvmRaid0, ByteSize stripeSize,
        String discoveryDir) {

    /** LVM's default stripe size, 64 KiB. */
    public static final ByteSize DEFAULT_STRIPE_SIZE = ByteSize.ofBytes(64 * Sizes.KIB);

    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9._+:@-]+(/[A-Za-z0-9._+:@-]+)*");
    private static final Pattern DIRECTORY = Pattern.compile("(/[A-Za-z0-9._+:@-]+)+");

    /**
     * Validates the components and copies the devices.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when the pool is not an LVM name, a device is not a plain
     *     {@code /dev/...} path or repeats, an md array has more than one device, the stripe size is
     *     not a power of two from 4 KiB, or the directory is not a plain absolute path
     */
    public PoolLayout {
        Names.pool(pool, "pool name");
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
        Objects.requireNonNull(stripeSize, "stripeSize");
        Objects.requireNonNull(discoveryDir, "discoveryDir");
        if (devices.isEmpty() || mdArray && devices.size() != 1) {
            throw new IllegalArgumentException("pool " + pool + " needs " + (mdArray ? "exactly one md array device"
                    : "at least one device") + " but has " + devices);
        }
        for (String d : devices) {
            plainPath(d, DEVICE, "device", "e.g. /dev/nvme0n1 or /dev/md0");
        }
        if (new HashSet<>(devices).size() != devices.size()) {
            throw new IllegalArgumentException("pool " + pool + " lists a device twice: " + devices);
        }
        long s = stripeSize.bytes();
        if (s < 4 * Sizes.KIB || Long.bitCount(s) != 1) {
            throw new IllegalArgumentException("stripe size of pool " + pool + " must be a power of two of at least"
                    + " 4 KiB (LVM's rule; default 64 KiB) but was " + stripeSize);
        }
        plainPath(discoveryDir, DIRECTORY, "discovery directory", "e.g. /mnt/gantry/vg0");
    }

    /**
     * Returns a pool whose volume group sits on one md raid0 array ({@link Pool#onRaid0()}).
     *
     * @param pool the volume group name, as in the plan
     * @param device the array, e.g. {@code /dev/md0}
     * @return the layout
     */
    public static PoolLayout mdArray(String pool, String device) {
        return new PoolLayout(pool, List.of(device), true, false, DEFAULT_STRIPE_SIZE, defaultDir(pool));
    }

    /**
     * Returns a pool over whole disks, one physical volume each; a {@link Pool#striped(int)} pool
     * stripes every volume over as many of them as its stripe count.
     *
     * @param pool the volume group name, as in the plan
     * @param devices the disks, e.g. {@code /dev/nvme0n1}
     * @return the layout
     */
    public static PoolLayout disks(String pool, String... devices) {
        return disks(pool, List.of(devices));
    }

    /**
     * Returns a pool over whole disks, one physical volume each.
     *
     * @param pool the volume group name, as in the plan
     * @param devices the disks, e.g. {@code /dev/nvme0n1}
     * @return the layout
     */
    public static PoolLayout disks(String pool, List<String> devices) {
        return new PoolLayout(pool, devices, false, false, DEFAULT_STRIPE_SIZE, defaultDir(pool));
    }

    /**
     * Returns a copy whose striped volumes are LVM RAID ({@code lvcreate --type raid0}) rather than
     * dm-stripe ({@code -i}); both round alike.
     *
     * @return the copy
     */
    public PoolLayout withLvmRaid0() {
        return new PoolLayout(pool, devices, mdArray, true, stripeSize, discoveryDir);
    }

    /**
     * Returns a copy with another stripe size ({@code lvcreate -I}, TopoLVM {@code stripe-size}).
     *
     * @param size a power of two of at least 4 KiB
     * @return the copy
     */
    public PoolLayout withStripeSize(ByteSize size) {
        return new PoolLayout(pool, devices, mdArray, lvmRaid0, size, discoveryDir);
    }

    /**
     * Returns a copy that mounts the static provisioner's volumes under another directory (its
     * {@code hostDir}).
     *
     * @param path an absolute path without spaces, e.g. {@code /mnt/fast-disks}
     * @return the copy
     */
    public PoolLayout withDiscoveryDir(String path) {
        return new PoolLayout(pool, devices, mdArray, lvmRaid0, stripeSize, path);
    }

    private static String defaultDir(String pool) {
        return "/mnt/gantry/" + pool;
    }

    private static void plainPath(String value, Pattern pattern, String what, String example) {
        Objects.requireNonNull(value, what);
        boolean dots = List.of(value.split("/")).stream().anyMatch(p -> p.equals(".") || p.equals(".."));
        if (value.length() > 4096 || dots || !pattern.matcher(value).matches()) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
            throw new IllegalArgumentException(what + " '" + shown + "' is not a plain absolute path (letters, digits"
                    + " and . _ + : @ -, no . or .. parts); expected " + example);
        }
    }
}
