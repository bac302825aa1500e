package dev.gantry.core.storage;

import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.internal.Digests;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Prepares a node's pools as a {@link CarvingPlan} says, over a {@link dev.gantry.core.exec.HostExecutor}:
 * a resumable {@link Workflow} with a dry run.
 *
 * <pre>{@code
 * PoolWorkflow prep = PoolWorkflow.forNode(plan, "worker-1", PoolLayout.disks("vg0", "/dev/sdb", "/dev/sdc"));
 * prep.workflow(ssh).dryRun().print();                   // the commands, nothing changed
 * prep.workflow(ssh).run(Progress.console()).orThrow();
 * }</pre>
 *
 * <p>Steps, in order, each skipped when its effect is already there:
 * <ol>
 *   <li>for every pool: {@code pvcreate} on each layout device, then {@code vgcreate -s <extent>}
 *       over them, named after the pool;
 *   <li>TopoLVM: write {@code lvmd.yaml} (default {@code /etc/topolvm/lvmd.yaml}) with one device
 *       class per pool ({@link #lvmdConfig()}), skipped when the file's SHA-256 matches;
 *   <li>the static provisioner: per claim planned on this node, {@code lvcreate} of exactly the
 *       allocated bytes (striped as the pool is), tagged {@code gantry.claim=<namespace>/<claim>};
 *       {@code mkfs.ext4}; an {@code /etc/fstab} line; the mount under the layout's discovery
 *       directory; then apply {@link #provisionerConfigMap} to the cluster.
 * </ol>
 * lvm-localpv needs only the volume group. LVM runs with {@code LC_ALL=C}; its JSON reports are
 * read before every change. What exists otherwise than planned (a device in another volume group,
 * a volume group on other devices or with another extent size, a volume of another size or without
 * the claim's tag, a device with another filesystem, a mount point or {@code fstab} line for another
 * device) fails its step with a message and is never changed. Immutable and thread-safe.
 */
public final class PoolWorkflow {

    /** Where TopoLVM's lvmd reads its configuration by default. */
    public static final String DEFAULT_LVMD_PATH = "/etc/topolvm/lvmd.yaml";
    private static final Duration WRITE = Duration.ofMinutes(1);

    private final CarvingPlan plan;
    private final String node;
    private final List<NodeConfigs.Prepared> pools;
    private final Host host;
    private final String lvmdPath;
    private final String fstab;

    private PoolWorkflow(CarvingPlan plan, String node, List<NodeConfigs.Prepared> pools, Host host, String lvmdPath,
            String fstab) {
        this.plan = plan;
        this.node = node;
        this.pools = pools;
        this.host = host;
        this.lvmdPath = lvmdPath;
        this.fstab = fstab;
    }

    /**
     * Returns the preparation of one pool of a planned node, reached as {@code Host.of(node, node)}.
     *
     * @param plan the plan; its driver says what is prepared
     * @param node the node's name in the plan
     * @param layout the devices of one of the node's pools
     * @return the preparation
     * @throws IllegalArgumentException as {@link #forNode(CarvingPlan, String, List)}
     */
    public static PoolWorkflow forNode(CarvingPlan plan, String node, PoolLayout layout) {
        return forNode(plan, node, List.of(Objects.requireNonNull(layout, "layout")));
    }

    /**
     * Returns the preparation of several pools of a planned node, reached as {@code Host.of(node,
     * node)}.
     *
     * @param plan the plan; its driver says what is prepared
     * @param node the node's name in the plan
     * @param layouts the devices of each pool; for TopoLVM every pool the node has in the plan
     * @return the preparation
     * @throws IllegalArgumentException when the node or a pool is not in the plan; a layout does not
     *     fit its pool (an md array for a pool that is not {@code onRaid0()} or the reverse, fewer
     *     devices than stripes, LVM raid0 for an unstriped pool); a pool or device is listed twice;
     *     the driver is local-path (directories, no LVM); static volumes are raw block; or, for
     *     TopoLVM, a pool of the node has no layout, a pool name is no device-class name or the
     *     reserve is not whole GiB ({@code spare-gb})
     */
    public static PoolWorkflow forNode(CarvingPlan plan, String node, List<PoolLayout> layouts) {
        Objects.requireNonNull(plan, "plan");
        NodeStorage storage = plan.nodes().stream().filter(n -> n.node().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + node + " is not in the plan; planned nodes: "
                        + plan.nodes().stream().map(NodeStorage::node).toList()));
        List<NodeConfigs.Prepared> pools = PoolChecks.match(plan, storage, List.copyOf(layouts));
        return new PoolWorkflow(plan, node, pools, Host.of(node, node), DEFAULT_LVMD_PATH, FilesystemSteps.FSTAB);
    }

    /**
     * Returns a copy that reaches the node as another host (its name prefixes every step).
     *
     * @param value the host, e.g. {@code Host.of(inventory.machine("worker-1").orElseThrow())}
     * @return the copy
     */
    public PoolWorkflow withHost(Host value) {
        return new PoolWorkflow(plan, node, pools, Objects.requireNonNull(value, "host"), lvmdPath, fstab);
    }

    /**
     * Returns a copy that writes TopoLVM's configuration to another file.
     *
     * @param path an absolute path, e.g. {@code /etc/topolvm/lvmd.yaml}
     * @return the copy
     */
    public PoolWorkflow withLvmdPath(String path) {
        return new PoolWorkflow(plan, node, pools, host, PoolChecks.absolute(path, "lvmd path"), fstab);
    }

    /** A copy that keeps its mounts in another fstab file; for tests that must not touch /etc/fstab. */
    PoolWorkflow withFstab(String path) {
        return new PoolWorkflow(plan, node, pools, host, lvmdPath, PoolChecks.absolute(path, "fstab"));
    }

    /**
     * Returns the workflow, run through {@code executor}. There is no default: a forgotten executor
     * must not run {@code pvcreate} on the machine that runs the runbook. Step names hold the node
     * and the command, so a dry run lists the commands.
     *
     * @param executor how the node is reached, e.g. an {@link dev.gantry.core.exec.OpenSshExecutor};
     *     {@link dev.gantry.core.exec.LocalExecutor} on the node itself
     * @return the workflow
     */
    public Workflow workflow(HostExecutor executor) {
        Objects.requireNonNull(executor, "executor");
        LvmHost lvm = new LvmHost(host);
        List<Step> steps = new ArrayList<>();
        for (NodeConfigs.Prepared p : pools) {
            steps.addAll(new PoolSteps(lvm, p.layout(), p.pool()).volumeGroup());
        }
        lvmdConfig().ifPresent(config -> steps.add(writeLvmd(lvm, config)));
        if (isStatic()) {
            FilesystemSteps fs = new FilesystemSteps(lvm, fstab);
            for (NodeConfigs.Prepared p : pools) {
                PoolSteps lvs = new PoolSteps(lvm, p.layout(), p.pool());
                for (Placement placement : volumes(p.pool().name())) {
                    String lv = PoolSteps.volumeName(placement, p.pool().name());
                    steps.add(lvs.logicalVolume(placement));
                    steps.addAll(fs.forVolume("/dev/" + p.pool().name() + "/" + lv,
                            p.layout().discoveryDir() + "/" + lv));
                }
            }
        }
        return Workflow.of(steps).withExecutor(executor);
    }

    /**
     * Returns TopoLVM's {@code lvmd.yaml} for this node: one thick device class per pool, named as
     * the pool and its volume group, the first the default, {@code spare-gb} the policy's reserve,
     * {@code stripe} and {@code stripe-size} for a striped pool (and {@code lvcreate-options:
     * [--type=raid0]} for {@link PoolLayout#withLvmRaid0()}). For TopoLVM's Helm chart, the same
     * device classes go under {@code lvmd.deviceClasses}.
     *
     * @return the file, for TopoLVM plans; else empty
     */
    public Optional<String> lvmdConfig() {
        return plan.driver().provisioner().equals(StorageDriver.topolvm().provisioner())
                ? Optional.of(NodeConfigs.lvmd(pools, plan.policy())) : Optional.empty();
    }

    /**
     * Returns the static provisioner's ConfigMap: a {@code storageClassMap} entry per pool, named as
     * the plan's StorageClass, whose {@code hostDir} and {@code mountDir} are the layout's discovery
     * directory. Every node must use the same directory for a pool: the map is cluster-wide.
     *
     * @param namespace the provisioner's namespace, e.g. {@code kube-system}
     * @param name the ConfigMap its DaemonSet reads, e.g. {@code local-static-provisioner-config}
     * @return the YAML document, for static-provisioner plans; else empty
     */
    public Optional<String> provisionerConfigMap(String namespace, String name) {
        return isStatic() ? Optional.of(NodeConfigs.staticProvisioner(pools, plan, namespace, name)) : Optional.empty();
    }

    /**
     * Returns the claims this workflow carves a logical volume for: the static provisioner's
     * placements on this node, in plan order.
     *
     * @return the placements; empty for other drivers
     */
    public List<Placement> volumes() {
        List<Placement> all = new ArrayList<>();
        pools.forEach(p -> all.addAll(volumes(p.pool().name())));
        return List.copyOf(all);
    }

    /**
     * Returns the logical volume name a claim gets: {@code <namespace>.<claim>}, or {@code
     * gantry-<hash>} when that is too long or starts with a prefix LVM reserves.
     *
     * @param placement a placement of this node
     * @return the name within the pool's volume group
     */
    public String volumeName(Placement placement) {
        return PoolSteps.volumeName(Objects.requireNonNull(placement, "placement"), placement.pool());
    }

    @Override
    public String toString() {
        List<String> names = pools.stream().map(p -> p.pool().name()).toList();
        return "PoolWorkflow[" + node + ", " + plan.driver().name() + ", pools " + names + ", " + volumes().size()
                + " volumes]";
    }

    private List<Placement> volumes(String pool) {
        if (!isStatic()) {
            return List.of();
        }
        return plan.placements().stream().filter(p -> p.node().equals(node) && p.pool().equals(pool)).toList();
    }

    private boolean isStatic() {
        return plan.driver().provisioner().equals(StorageDriver.localStatic().provisioner());
    }

    private Step writeLvmd(LvmHost lvm, String config) {
        byte[] content = config.getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(content);
        String parent = lvmdPath.substring(0, Math.max(1, lvmdPath.lastIndexOf('/')));
        return Step.of(host.name() + ": write " + lvmdPath,
                ctx -> ctx.executor().exec(host, List.of("sha256sum", "--", lvmdPath), WRITE).stdout()
                        .startsWith(digest + " "),
                ctx -> {
                    lvm.change(ctx.executor(), List.of("mkdir", "-p", "--", parent), WRITE);
                    ctx.executor().upload(host, lvmdPath, content, 0644);
                });
    }
}
