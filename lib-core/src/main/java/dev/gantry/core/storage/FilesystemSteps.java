package dev.gantry.core.storage;

import dev.gantry.core.GantryException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.internal.Lines;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps that turn one carved volume into a static provisioner's volume: ext4 on it, an
 * {@code fstab} line so that it comes back after a reboot, and the mount in the discovery
 * directory. Each looks first: a device that already carries another filesystem, an {@code fstab}
 * line or a mount point that names another device, fail instead of being changed.
 */
final class FilesystemSteps {

    static final String FSTAB = "/etc/fstab";
    private static final Duration MKFS = Duration.ofMinutes(30);
    private static final Duration MOUNT = Duration.ofMinutes(2);
    private static final int BLKID_NOTHING_FOUND = 2;

    private final LvmHost host;
    private final String fstab;

    FilesystemSteps(LvmHost host, String fstab) {
        this.host = host;
        this.fstab = fstab;
    }

    List<Step> forVolume(String device, String mountDir) {
        String on = host.host().name() + ": ";
        return List.of(
                Step.of(on + "mkfs.ext4 " + device, ctx -> hasExt4(ctx.executor(), device),
                        ctx -> host.change(ctx.executor(), List.of("mkfs.ext4", "-q", device), MKFS)),
                Step.of(on + "fstab line for " + mountDir + " in " + fstab, ctx -> inFstab(ctx, device, mountDir),
                        ctx -> addFstabLine(ctx, device, mountDir)),
                Step.of(on + "mount " + device + " " + mountDir, ctx -> mounted(ctx.executor(), device, mountDir),
                        ctx -> mount(ctx.executor(), device, mountDir)));
    }

    private boolean hasExt4(HostExecutor executor, String device) {
        ExecResult r = executor.exec(host.host(), List.of("blkid", "-p", "-o", "value", "-s", "TYPE", device),
                LvmHost.READ);
        String type = r.stdout().strip();
        if (r.exit() == BLKID_NOTHING_FOUND && type.isEmpty()) {
            return false;
        }
        if (!r.ok()) {
            throw new GantryException(host.host().name() + ": cannot probe " + device + " (blkid exit " + r.exit()
                    + "): " + Lines.tail(r.stderr()));
        }
        if (!type.equals("ext4")) {
            throw new GantryException(host.host().name() + ": " + device + " already holds a " + type + " signature;"
                    + " Gantry makes ext4 only on an empty volume and overwrites nothing");
        }
        return true;
    }

    private boolean inFstab(StepContext ctx, String device, String mountDir) {
        Optional<String> entry = fstabDevice(readFstab(ctx.executor()), mountDir);
        if (entry.isPresent() && !entry.get().equals(device)) {
            throw new GantryException(host.host().name() + ": " + fstab + " already mounts " + entry.get() + " at "
                    + mountDir + ", not " + device + "; remove that line or choose another discovery directory");
        }
        return entry.isPresent();
    }

    private void addFstabLine(StepContext ctx, String device, String mountDir) {
        String content = readFstab(ctx.executor());
        String line = device + " " + mountDir + " ext4 defaults,nofail 0 2\n";
        String updated = content.isEmpty() || content.endsWith("\n") ? content + line : content + "\n" + line;
        ctx.executor().upload(host.host(), fstab, updated.getBytes(StandardCharsets.UTF_8), 0644);
    }

    private String readFstab(HostExecutor executor) {
        return host.read(executor, List.of("cat", "--", fstab));
    }

    /** The device of the first active line that mounts {@code mountDir}. */
    static Optional<String> fstabDevice(String content, String mountDir) {
        for (String line : content.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] fields = s.split("\\s+");
            if (fields.length >= 2 && fields[1].equals(mountDir)) {
                return Optional.of(fields[0]);
            }
        }
        return Optional.empty();
    }

    private boolean mounted(HostExecutor executor, String device, String mountDir) {
        ExecResult r = executor.exec(host.host(), List.of("findmnt", "-n", "-o", "SOURCE", "--mountpoint", mountDir),
                LvmHost.READ);
        String source = r.stdout().strip();
        if (!r.ok() || source.isEmpty()) {
            return false;
        }
        if (source.equals(device) || source.startsWith("/dev/")
                && host.canonical(executor, source).equals(host.canonical(executor, device))) {
            return true;
        }
        throw new GantryException(host.host().name() + ": " + mountDir + " has " + source + " mounted, not "
                + device + "; unmount it or choose another discovery directory");
    }

    private void mount(HostExecutor executor, String device, String mountDir) {
        host.change(executor, List.of("mkdir", "-p", "--", mountDir), MOUNT);
        host.change(executor, List.of("mount", "-t", "ext4", device, mountDir), MOUNT);
    }
}
