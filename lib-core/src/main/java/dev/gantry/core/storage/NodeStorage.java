package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Inventory;
import dev.gantry.core.Machine;
import dev.gantry.core.raid.RaidArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's local storage: its name, failure domain and the pools volumes can be carved from.
 *
 * <pre>{@code
 * NodeStorage w1 = NodeStorage.of("worker-1", "dc1-rack1")
 *         .withPool("vg0", ByteSize.parse("1.8T"))
 *         .withPool(Pool.of("fast", ByteSize.parse("3.6T")).onRaid0());
 * }</pre>
 *
 * <p>Also built from an {@link Inventory} ({@link #fromInventory}), from the facts a node's own
 * tools report ({@link #fromFacts}), and, in {@code dev.gantry.k8s.storage}, from the cluster.
 * Immutable and thread-safe; pools keep their order.
 *
 * @param node the Kubernetes node name, e.g. {@code worker-1}
 * @param failureDomain the zone, rack or room, e.g. {@code dc1-rack1}
 * @param pools the pools, each name once
 */
public record NodeStorage(String node, String failureDomain, List<Pool> pools) {

    /**
     * Validates the components and copies the pools.
     *
     * @throws NullPointerException when a component or pool is {@code null}
     * @throws IllegalArgumentException when a name is not valid or a pool name repeats
     */
    public NodeStorage {
        Names.subdomain(node, "node name");
        Names.labelValue(failureDomain, "failure domain of node " + node);
        pools = List.copyOf(Objects.requireNonNull(pools, "pools"));
        for (int i = 0; i < pools.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (pools.get(i).name().equals(pools.get(j).name())) {
                    throw new IllegalArgumentException("node " + node + " has pool " + pools.get(i).name()
                            + " twice (expected each pool name once per node)");
                }
            }
        }
    }

    /**
     * Returns a node without pools.
     *
     * @param node the Kubernetes node name, e.g. {@code worker-1}
     * @param failureDomain the zone, rack or room, e.g. {@code dc1-rack1}
     * @return the node
     */
    public static NodeStorage of(String node, String failureDomain) {
        return new NodeStorage(node, failureDomain, List.of());
    }

    /**
     * Returns a copy with one more linear pool with 4 MiB extents.
     *
     * @param pool the volume group or device-class name, e.g. {@code vg0}
     * @param free the bytes free to carve
     * @return the copy
     * @throws IllegalArgumentException when the node already has a pool of that name
     */
    public NodeStorage withPool(String pool, ByteSize free) {
        return withPool(Pool.of(pool, free));
    }

    /**
     * Returns a copy with one more pool.
     *
     * @param pool the pool
     * @return the copy
     * @throws IllegalArgumentException when the node already has a pool of that name
     */
    public NodeStorage withPool(Pool pool) {
        List<Pool> more = new ArrayList<>(pools);
        more.add(Objects.requireNonNull(pool, "pool"));
        return new NodeStorage(node, failureDomain, more);
    }

    /**
     * Returns the pool of that name.
     *
     * @param name the pool name
     * @return the pool, when the node has it
     */
    public Optional<Pool> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Returns the bytes free over all pools.
     *
     * @return the sum of the pools' free bytes
     */
    public ByteSize free() {
        long sum = 0;
        for (Pool p : pools) {
            sum = Sizes.saturatedAdd(sum, p.free().bytes());
        }
        return ByteSize.ofBytes(sum);
    }

    /**
     * Describes every machine of an inventory that lists data disks as a node with one pool over
     * all its disks: {@code diskSize} times the number of disks, striped over them when there are
     * several (as a TopoLVM device class with {@code stripe} set to the disk count).
     *
     * <pre>{@code
     * NodeStorage.fromInventory(Inventory.load(Path.of("inventory.yaml")), "data", ByteSize.parse("1.8T"))
     * }</pre>
     *
     * @param inventory the machines; those without disks are left out
     * @param pool the pool name on every node, e.g. {@code data}
     * @param diskSize the usable size of one disk
     * @return the nodes, in inventory order
     */
    public static List<NodeStorage> fromInventory(Inventory inventory, String pool, ByteSize diskSize) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(diskSize, "diskSize");
        List<NodeStorage> nodes = new ArrayList<>();
        for (Machine m : inventory.machines()) {
            int disks = m.disks().size();
            if (disks == 0) {
                continue;
            }
            long free;
            try {
                free = Math.multiplyExact(diskSize.bytes(), disks);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("machine " + m.name() + ": " + disks + " disks of " + diskSize
                        + " exceed the largest size", e);
            }
            Pool p = Pool.of(pool, ByteSize.ofBytes(free)).striped(Math.min(disks, Pool.MAX_STRIPES));
            nodes.add(of(m.name(), m.failureDomain()).withPool(p));
        }
        return List.copyOf(nodes);
    }

    /**
     * Describes a node from its own tools' reports: each volume group of a {@code vgs} JSON report
     * becomes a pool with its free bytes and extent size; a volume group with a physical volume on
     * an md raid0 array among {@code arrays} is {@link Pool#onRaid0()}; a volume group holding
     * striped or raid0 logical volumes among {@code arrays} (from {@code LvmReport.parse}) is
     * {@link Pool#striped(int)} with the widest stripe count found.
     *
     * <pre>{@code
     * // env LC_ALL=C vgs --reportformat json --units b --nosuffix -o vg_name,vg_free,vg_extent_size,pv_name
     * NodeStorage.fromFacts("worker-1", "rack1", vgsJson, MdStat.parse(mdstat))
     * }</pre>
     *
     * @param node the Kubernetes node name
     * @param failureDomain the zone, rack or room
     * @param vgsJson the standard output of the {@code vgs} command above
     * @param arrays md arrays and LVM striped volumes of the node; may be empty
     * @return the node
     * @throws dev.gantry.core.ParseException when the report is not a {@code vgs} JSON report; it names
     *     the node and what was expected
     */
    public static NodeStorage fromFacts(String node, String failureDomain, String vgsJson, List<RaidArray> arrays) {
        Objects.requireNonNull(vgsJson, "vgsJson");
        Objects.requireNonNull(arrays, "arrays");
        NodeStorage result = of(node, failureDomain);
        for (VolumeGroupReport.Group g : VolumeGroupReport.parse(vgsJson, "vgs on " + node)) {
            result = result.withPool(VolumeGroupReport.pool(g, arrays));
        }
        return result;
    }
}
