// RAID-0 check: read captured /proc/mdstat and sysfs views of two nodes and check their data array.
// Run it with:  examples/run raid-check   (from the repository root)
// On a live node, read /proc/mdstat and /sys/block directly instead of the captures.
import dev.gantry.core.*;
import dev.gantry.core.raid.*;
import java.nio.file.*;
import java.util.*;

// 1. The policy: a raid0 over exactly these two disks, named by stable id (never sdX / nvmeXnY).
// (JShell ends a statement at the end of a complete line, so chained calls end lines with a dot.)
RaidCheck policy = RaidCheck.raid0().
        withChunkRange(128 * 1024, 1024 * 1024).
        withExpectedDevices("/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R111111",
                            "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R222222");

// 2. What a node looks like: every source we have, in one list; views of one array are matched.
List<RaidArray> facts(Path node) throws Exception {
    List<RaidArray> arrays = new ArrayList<>(MdStat.parse(Files.readString(node.resolve("mdstat")),
            node + "/mdstat"));
    arrays.addAll(MdSysfs.read(node.resolve("sys-block")));
    return arrays;
}
Map<String, String> links(Path node) throws Exception {
    Map<String, String> links = new HashMap<>();
    for (String line : Files.readAllLines(node.resolve("by-id.txt"))) {
        String[] parts = line.trim().split("\\s+");
        links.put(parts[0], parts[1]);
    }
    return links;
}

// 3. Check both nodes. mdstat alone says "active raid0" for both; sysfs tells them apart.
Path captures = Path.of("captures/raid");
Report healthy = policy.check("worker-1", facts(captures.resolve("healthy")), links(captures.resolve("healthy"))).
        withTitle("worker-1 (healthy)").print();
Report broken = policy.check("worker-2", facts(captures.resolve("broken")), links(captures.resolve("broken"))).
        withTitle("worker-2 (member gone)").print();
Report mdstatOnly = policy.check("worker-2", MdStat.parse(Files.readString(captures.resolve("broken/mdstat"))),
        links(captures.resolve("broken"))).withTitle("worker-2, /proc/mdstat only").print();

System.out.println("healthy ok: " + healthy.ok() + ", broken ok: " + broken.ok()
        + ", broken seen through mdstat only ok: " + mdstatOnly.ok());
if (!healthy.ok() || broken.ok() || broken.failures().stream().noneMatch(f -> f.code().equals("RAID-ARRAY-BROKEN"))) {
    throw new IllegalStateException("the captures no longer show a healthy and a broken node");
}
