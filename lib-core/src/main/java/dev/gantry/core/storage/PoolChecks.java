package dev.gantry.core.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks that the layouts given to {@link PoolWorkflow} fit the plan, before anything runs. */
final class PoolChecks {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._+:@-]+)+");

    private PoolChecks() {}

    /** Pairs every layout with its planned pool, or fails naming what does not fit. */
    static List<NodeConfigs.Prepared> match(CarvingPlan plan, NodeStorage node, List<PoolLayout> layouts) {
        StorageDriver driver = plan.driver();
        if (driver.provisioner().equals(StorageDriver.localPath().provisioner())) {
            throw new IllegalArgumentException("local-path pools are directories, not LVM: there is no pool to"
                    + " prepare on " + node.node());
        }
        boolean isStatic = driver.provisioner().equals(StorageDriver.localStatic().provisioner());
        if (isStatic && driver.fsType() == FsType.BLOCK) {
            throw new IllegalArgumentException("PoolWorkflow prepares static volumes with ext4 only; raw block"
                    + " static volumes (symbolic links in the discovery directory) are not prepared");
        }
        if (layouts.isEmpty()) {
            throw new IllegalArgumentException("no layout for node " + node.node() + "; name the devices of a pool");
        }
        List<NodeConfigs.Prepared> prepared = new ArrayList<>();
        Set<String> pools = new HashSet<>();
        Set<String> devices = new HashSet<>();
        for (PoolLayout layout : layouts) {
            Objects.requireNonNull(layout, "layout");
            Pool pool = node.pool(layout.pool()).orElseThrow(() -> new IllegalArgumentException("node " + node.node()
                    + " has no pool " + layout.pool() + " in the plan; its pools: "
                    + node.pools().stream().map(Pool::name).toList()));
            if (!pools.add(pool.name())) {
                throw new IllegalArgumentException("pool " + pool.name() + " has two layouts on " + node.node());
            }
            for (String d : layout.devices()) {
                if (!devices.add(d)) {
                    throw new IllegalArgumentException("device " + d + " is in two pools' layouts on " + node.node());
                }
            }
            fits(node.node(), pool, layout);
            prepared.add(new NodeConfigs.Prepared(pool, layout));
        }
        if (driver.provisioner().equals(StorageDriver.topolvm().provisioner())) {
            topolvm(plan, node, pools);
        }
        return List.copyOf(prepared);
    }

    static String absolute(String path, String what) {
        Objects.requireNonNull(path, what);
        if (path.length() > 4096 || !PATH.matcher(path).matches() || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException(what + " '" + path + "' is not a plain absolute path, e.g."
                    + " /etc/topolvm/lvmd.yaml");
        }
        return path;
    }

    private static void fits(String node, Pool pool, PoolLayout layout) {
        String where = "pool " + pool.name() + " on " + node;
        if (pool.raid0() && !layout.mdArray()) {
            throw new IllegalArgumentException(where + " is planned onRaid0() (a volume group on one md raid0"
                    + " array); describe it with PoolLayout.mdArray(\"" + pool.name() + "\", \"/dev/md0\")");
        }
        if (layout.mdArray() && (!pool.raid0() || pool.stripes() > 1)) {
            throw new IllegalArgumentException(where + " sits on md array " + layout.devices().get(0) + " but is"
                    + " planned " + (pool.raid0() ? "striped(" + pool.stripes() + ")" : "without onRaid0()")
                    + "; plan it as Pool.of(...).onRaid0() so that its rounding is right");
        }
        if (pool.stripes() > layout.devices().size()) {
            throw new IllegalArgumentException(where + " is planned striped(" + pool.stripes() + ") but its layout"
                    + " has " + layout.devices().size() + " devices; LVM stripes over distinct physical volumes");
        }
        if (layout.lvmRaid0() && pool.stripes() < 2) {
            throw new IllegalArgumentException(where + " is not striped; LVM raid0 needs striped(2) or more");
        }
    }

    private static void topolvm(CarvingPlan plan, NodeStorage node, Set<String> pools) {
        for (Pool pool : node.pools()) {
            if (!pools.contains(pool.name())) {
                throw new IllegalArgumentException("lvmd.yaml on " + node.node() + " must list every device class,"
                        + " but pool " + pool.name() + " has no layout; pass a layout for each of "
                        + node.pools().stream().map(Pool::name).toList());
            }
            NodeConfigs.deviceClass(pool.name());
        }
        NodeConfigs.spareGiB(plan.policy());
    }
}
