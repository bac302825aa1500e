package dev.gantry.core.storage;

import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A node with block devices, LVM, filesystems, mounts and files kept in memory, answering the
 * commands {@link PoolWorkflow} runs as the real tools do. LVM's reports are shaped as lvm2 2.03.16
 * prints them with {@code --reportformat json --units b --nosuffix} (measured on Debian 12 in
 * PoolWorkflowIT): every value a string, a {@code WARNING:} line before the document. Records every
 * command and, separately, the ones that change something. Not thread-safe.
 */
final class FakeLvmNode implements HostExecutor {

    /** A logical volume. */
    record Lv(String vg, String name, long size, Set<String> tags) {}

    final Set<String> devices = new TreeSet<>();
    final Map<String, String> links = new LinkedHashMap<>();
    final Map<String, String> pvs = new LinkedHashMap<>();
    final Map<String, Long> vgs = new LinkedHashMap<>();
    final List<Lv> lvs = new ArrayList<>();
    final Map<String, String> filesystems = new LinkedHashMap<>();
    final Map<String, String> mounts = new LinkedHashMap<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final List<String> commands = new ArrayList<>();
    final List<String> changes = new ArrayList<>();

    FakeLvmNode(String... disks) {
        devices.addAll(List.of(disks));
        files.put("/etc/fstab", "UUID=1234 / ext4 errors=remount-ro 0 1\n");
    }

    @Override
    public ExecResult exec(Host host, List<String> argv, Duration timeout) {
        List<String> a = argv.size() > 2 && argv.get(0).equals("env") && argv.get(1).equals("LC_ALL=C")
                ? argv.subList(2, argv.size()) : argv;
        String line = String.join(" ", a);
        commands.add(line);
        return switch (a.get(0)) {
            case "readlink" -> readlink(a.get(3));
            case "pvs" -> ok(report("pv", pvs.entrySet().stream().map(e -> "{\"pv_name\":\"" + e.getKey()
                    + "\", \"vg_name\":\"" + e.getValue() + "\"}").toList()));
            case "vgs" -> ok(report("vg", vgs.entrySet().stream().map(e -> "{\"vg_name\":\"" + e.getKey()
                    + "\", \"vg_extent_size\":\"" + e.getValue() + "\"}").toList()));
            case "lvs" -> ok(report("lv", lvs.stream().map(l -> "{\"vg_name\":\"" + l.vg() + "\", \"lv_name\":\""
                    + l.name() + "\", \"lv_size\":\"" + l.size() + "\", \"lv_tags\":\"" + String.join(",", l.tags())
                    + "\"}").toList()));
            case "pvcreate", "vgcreate", "lvcreate", "mkfs.ext4", "mkdir", "mount" -> change(line, a);
            case "blkid" -> filesystems.containsKey(a.get(a.size() - 1)) ? ok(filesystems.get(a.get(a.size() - 1))
                    + "\n") : result(2, "", "");
            case "findmnt" -> mounts.containsKey(a.get(a.size() - 1)) ? ok(mounts.get(a.get(a.size() - 1)) + "\n")
                    : result(1, "", "");
            case "cat" -> files.containsKey(a.get(2)) ? ok(files.get(a.get(2)))
                    : result(1, "", "cat: " + a.get(2) + ": No such file or directory");
            case "sha256sum" -> files.containsKey(a.get(2)) ? ok(sha256(files.get(a.get(2))) + "  " + a.get(2) + "\n")
                    : result(1, "", "sha256sum: " + a.get(2) + ": No such file or directory");
            default -> throw new AssertionError("unexpected command: " + line);
        };
    }

    @Override
    public void upload(Host host, String path, byte[] content, int mode) {
        changes.add("upload " + path);
        files.put(path, new String(content, StandardCharsets.UTF_8));
    }

    private ExecResult change(String line, List<String> a) {
        changes.add(line);
        switch (a.get(0)) {
            case "pvcreate" -> pvs.put(a.get(1), "");
            case "vgcreate" -> {
                long extent = Long.parseLong(a.get(2).replace("b", ""));
                vgs.put(a.get(3), extent);
                a.subList(4, a.size()).forEach(d -> pvs.put(d, a.get(3)));
            }
            case "lvcreate" -> lvcreate(a);
            case "mkfs.ext4" -> filesystems.put(a.get(a.size() - 1), "ext4");
            case "mount" -> mounts.put(a.get(a.size() - 1), a.get(a.size() - 2));
            default -> { }
        }
        return ok("");
    }

    private void lvcreate(List<String> a) {
        String vg = a.get(a.indexOf("--addtag") + 2);
        long size = Long.parseLong(a.get(a.indexOf("--size") + 1).replace("b", ""));
        String name = a.get(a.indexOf("--name") + 1);
        lvs.add(new Lv(vg, name, size, Set.of(a.get(a.indexOf("--addtag") + 1))));
        devices.add("/dev/" + vg + "/" + name);
    }

    private ExecResult readlink(String path) {
        String target = links.getOrDefault(path, path);
        return devices.contains(target) ? ok(target + "\n") : result(1, "", "");
    }

    private static String report(String section, List<String> rows) {
        return "  WARNING: Activation disabled. No device-mapper interaction will be attempted.\n"
                + "  {\n      \"report\": [\n          {\n              \"" + section + "\": [\n"
                + rows.stream().map(r -> "                  " + r).collect(Collectors.joining(",\n"))
                + "\n              ]\n          }\n      ]\n  }\n";
    }

    private static ExecResult ok(String stdout) {
        return result(0, stdout, "");
    }

    private static ExecResult result(int exit, String stdout, String stderr) {
        return new ExecResult(exit, stdout, stderr, Duration.ofMillis(3));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
