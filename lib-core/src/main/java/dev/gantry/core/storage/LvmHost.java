package dev.gantry.core.storage;

import dev.gantry.core.GantryException;
import dev.gantry.core.ParseException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.exec.ShellQuote;
import dev.gantry.core.internal.Lines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node's LVM and block devices as its own tools report them, read through a {@link
 * HostExecutor}; every LVM command runs with {@code LC_ALL=C} so that numbers and messages do not
 * depend on the node's locale. Only reads, except {@link #change}. Stateless.
 */
final class LvmHost {

    static final Duration READ = Duration.ofMinutes(1);

    /** A volume group: name, extent size, physical volumes. */
    record Group(String name, long extent, Set<String> pvs) {}

    /** A logical volume: its size and tags. */
    record Volume(String vg, String name, long size, Set<String> tags) {}

    private final Host host;

    LvmHost(Host host) {
        this.host = host;
    }

    Host host() {
        return host;
    }

    /** Physical volumes by device, mapped to their volume group, or to an empty string when in none. */
    Map<String, String> physicalVolumes(HostExecutor executor) {
        Map<String, String> pvs = new LinkedHashMap<>();
        String source = source("pvs");
        for (LvmRows.Row row : LvmRows.parse(read(executor, lvm("pvs", "-o", "pv_name,vg_name")), "pv", source)) {
            pvs.put(required(row, "pv_name", source), row.text("vg_name").orElse(""));
        }
        return pvs;
    }

    Optional<Group> volumeGroup(HostExecutor executor, String vg) {
        String source = source("vgs");
        for (LvmRows.Row row : LvmRows.parse(read(executor, lvm("vgs", "-o", "vg_name,vg_extent_size")), "vg",
                source)) {
            if (required(row, "vg_name", source).equals(vg)) {
                Set<String> pvs = new TreeSet<>();
                physicalVolumes(executor).forEach((pv, group) -> {
                    if (group.equals(vg)) {
                        pvs.add(pv);
                    }
                });
                return Optional.of(new Group(vg, LvmRows.bytes(row, "vg_extent_size", source), pvs));
            }
        }
        return Optional.empty();
    }

    Optional<Volume> logicalVolume(HostExecutor executor, String vg, String lv) {
        String source = source("lvs");
        String out = read(executor, lvm("lvs", "-o", "vg_name,lv_name,lv_size,lv_tags"));
        for (LvmRows.Row row : LvmRows.parse(out, "lv", source)) {
            if (required(row, "vg_name", source).equals(vg) && required(row, "lv_name", source).equals(lv)) {
                Set<String> tags = new TreeSet<>();
                for (String tag : row.text("lv_tags").orElse("").split(",")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.strip());
                    }
                }
                return Optional.of(new Volume(vg, lv, LvmRows.bytes(row, "lv_size", source), tags));
            }
        }
        return Optional.empty();
    }

    /** The device's canonical path ({@code readlink -e}), or fails naming the device. */
    String canonical(HostExecutor executor, String device) {
        ExecResult r = executor.exec(host, List.of("readlink", "-e", "--", device), READ);
        String path = r.stdout().strip();
        if (!r.ok() || path.isEmpty() || path.contains("\n")) {
            throw new GantryException(host.name() + ": device " + device + " does not exist (readlink -e exit "
                    + r.exit() + "); name the devices of the pool as they appear on the node, e.g. /dev/nvme1n1");
        }
        return path;
    }

    /** Runs a command that changes the node, failing with its output when it exits non-zero. */
    void change(HostExecutor executor, List<String> argv, Duration timeout) {
        ExecResult r = executor.exec(host, argv, timeout);
        if (!r.ok()) {
            throw new GantryException(host.name() + ": `" + ShellQuote.join(argv) + "` failed (exit " + r.exit()
                    + "): " + Lines.tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
        }
    }

    /** Runs a read-only command, failing with its output when it exits non-zero. */
    String read(HostExecutor executor, List<String> argv) {
        ExecResult r = executor.exec(host, argv, READ);
        if (!r.ok()) {
            throw new GantryException(host.name() + ": `" + ShellQuote.join(argv) + "` failed (exit " + r.exit()
                    + "): " + Lines.tail(r.stderr()) + "; is lvm2 installed?");
        }
        return r.stdout();
    }

    /** An LVM command in the C locale: {@code env LC_ALL=C <tool> <args>}. */
    static List<String> lvm(String tool, String... args) {
        List<String> argv = new ArrayList<>(List.of("env", "LC_ALL=C", tool));
        if (tool.equals("pvs") || tool.equals("vgs") || tool.equals("lvs")) {
            argv.addAll(List.of("--reportformat", "json", "--units", "b", "--nosuffix"));
        }
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }

    private String source(String tool) {
        return tool + " on " + host.name();
    }

    private static String required(LvmRows.Row row, String key, String source) {
        return row.text(key).orElseThrow(() -> new ParseException(source, row.line(),
                String.valueOf(row.fields()), "a row without \"" + key + "\""));
    }

}
