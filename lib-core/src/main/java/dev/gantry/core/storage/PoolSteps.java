package dev.gantry.core.storage;

import dev.gantry.core.GantryException;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.exec.ShellQuote;
import dev.gantry.core.internal.Digests;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The LVM steps for one pool on one node: a physical volume per device, the volume group, and one
 * tagged logical volume per claim. Each step reads LVM's own JSON reports first and is done when
 * what it would create exists as planned; what exists otherwise (a device in another volume group,
 * a volume group on other devices or with another extent size, a volume of another size or without
 * the claim's tag) fails the step and is never changed.
 */
final class PoolSteps {

    /** The LVM tag that names the claim a volume serves: {@code gantry.claim=<namespace>/<claim>}. */
    static final String TAG_PREFIX = "gantry.claim=";
    private static final Duration LVM_CHANGE = Duration.ofMinutes(5);
    private static final int LONGEST_NAME = 110;

    private final LvmHost host;
    private final PoolLayout layout;
    private final Pool pool;

    PoolSteps(LvmHost host, PoolLayout layout, Pool pool) {
        this.host = host;
        this.layout = layout;
        this.pool = pool;
    }

    List<Step> volumeGroup() {
        List<Step> steps = new ArrayList<>();
        for (String device : layout.devices()) {
            List<String> argv = LvmHost.lvm("pvcreate", device);
            steps.add(Step.of(name(argv), ctx -> isPhysicalVolume(ctx.executor(), device),
                    ctx -> host.change(ctx.executor(), argv, LVM_CHANGE)));
        }
        List<String> vgcreate = new ArrayList<>(LvmHost.lvm("vgcreate", "-s", pool.extent().bytes() + "b",
                layout.pool()));
        vgcreate.addAll(layout.devices());
        steps.add(Step.of(name(vgcreate), ctx -> groupExists(ctx.executor()),
                ctx -> host.change(ctx.executor(), vgcreate, LVM_CHANGE)));
        return steps;
    }

    Step logicalVolume(Placement p) {
        String lv = volumeName(p, layout.pool());
        String tag = tag(p);
        List<String> argv = new ArrayList<>(LvmHost.lvm("lvcreate", "--name", lv, "--size",
                p.allocated().bytes() + "b"));
        argv.addAll(stripeArgs());
        argv.addAll(List.of("--wipesignatures", "y", "--yes", "--addtag", tag, layout.pool()));
        argv.addAll(layout.devices());
        List<String> lvcreate = List.copyOf(argv);
        return Step.of(name(lvcreate), ctx -> volumeExists(ctx, lv, tag, p),
                ctx -> host.change(ctx.executor(), lvcreate, LVM_CHANGE));
    }

    /** The {@code lvcreate} options that stripe a volume as the pool does; none for a linear pool. */
    List<String> stripeArgs() {
        if (pool.stripes() < 2) {
            return List.of();
        }
        String stripes = Integer.toString(pool.stripes());
        String size = layout.stripeSize().bytes() / Sizes.KIB + "k";
        return layout.lvmRaid0() ? List.of("--type", "raid0", "--stripes", stripes, "--stripesize", size)
                : List.of("--stripes", stripes, "--stripesize", size);
    }

    private boolean isPhysicalVolume(HostExecutor executor, String device) {
        String canonical = host.canonical(executor, device);
        var pvs = host.physicalVolumes(executor);
        String vg = pvs.containsKey(canonical) ? pvs.get(canonical) : pvs.get(device);
        if (vg == null) {
            return false;
        }
        if (!vg.isEmpty() && !vg.equals(layout.pool())) {
            throw new GantryException(host.host().name() + ": " + device + " is a physical volume of volume group "
                    + vg + ", not of " + layout.pool() + "; Gantry changes no volume group it did not plan: remove "
                    + device + " from the layout or free it by hand");
        }
        return true;
    }

    private boolean groupExists(HostExecutor executor) {
        Optional<LvmHost.Group> group = host.volumeGroup(executor, layout.pool());
        if (group.isEmpty()) {
            return false;
        }
        Set<String> planned = new TreeSet<>();
        layout.devices().forEach(d -> planned.add(host.canonical(executor, d)));
        if (!group.get().pvs().equals(planned)) {
            throw new GantryException(host.host().name() + ": volume group " + layout.pool() + " exists on "
                    + group.get().pvs() + " but the layout names " + planned + "; Gantry never moves a volume group:"
                    + " correct the layout, or the node");
        }
        if (group.get().extent() != pool.extent().bytes()) {
            throw new GantryException(host.host().name() + ": volume group " + layout.pool() + " has "
                    + group.get().extent() + "-byte extents but the plan rounds to " + pool.extent().bytes()
                    + "; plan with Pool.withExtent(ByteSize.ofBytes(" + group.get().extent() + "))");
        }
        return true;
    }

    private boolean volumeExists(StepContext ctx, String lv, String tag, Placement p) {
        Optional<LvmHost.Volume> volume = host.logicalVolume(ctx.executor(), layout.pool(), lv);
        if (volume.isEmpty()) {
            return false;
        }
        String where = host.host().name() + ": logical volume " + layout.pool() + "/" + lv;
        if (!volume.get().tags().contains(tag)) {
            throw new GantryException(where + " exists without the tag " + tag + " (tags: " + volume.get().tags()
                    + "); it is not the volume Gantry carved for that claim, so it is left alone");
        }
        if (volume.get().size() != p.allocated().bytes()) {
            throw new GantryException(where + " is " + volume.get().size() + " bytes but the plan allocates "
                    + p.allocated().bytes() + " for " + p.namespace() + "/" + p.claim() + "; Gantry resizes nothing");
        }
        return true;
    }

    /** The step's name: the node and the command as a shell would read it, without the locale prefix. */
    private String name(List<String> argv) {
        return host.host().name() + ": " + ShellQuote.join(argv.subList(2, argv.size()));
    }

    /** The LVM tag naming the claim: {@code gantry.claim=<namespace>/<claim>} (LVM allows / and =). */
    static String tag(Placement p) {
        return TAG_PREFIX + p.namespace() + "/" + p.claim();
    }

    /**
     * The logical volume for a claim: {@code <namespace>.<claim>} (a namespace has no dot, so the
     * name is unambiguous), or {@code gantry-<hash>} when that is too long for device-mapper's names
     * or starts with a prefix LVM reserves.
     */
    static String volumeName(Placement p, String vg) {
        String name = p.namespace() + "." + p.claim();
        boolean reserved = name.startsWith("snapshot") || name.startsWith("pvmove");
        if (!reserved && name.length() + vg.length() <= LONGEST_NAME) {
            return name;
        }
        return "gantry-" + Digests.sha256((p.namespace() + "/" + p.claim()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }
}
