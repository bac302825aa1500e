package dev.gantry.core.raid;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy for a node's RAID-0 data volume, and the check of a node's arrays against it.
 *
 * <pre>{@code
 * RaidCheck policy = RaidCheck.raid0()
 *         .withMembers(2)
 *         .withChunkRange(128 * 1024, 1024 * 1024)
 *         .withExpectedDevices("/dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456",
 *                              "/dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T654321");
 * List<RaidArray> facts = new ArrayList<>(MdStat.parse(mdstat));
 * facts.addAll(MdSysfs.read(Path.of("/sys/block")));
 * policy.check("worker-3", facts, byIdLinks).print().orThrow();
 * }</pre>
 *
 * <p><b>Sources.</b> Pass every view of the node you have, from any parser of this package, in
 * one list: views of one array are matched by name ({@code md0} = {@code /dev/md0}) or by the same
 * set of member devices, and judged together. Give at least sysfs ({@link MdSysfs}) or {@code
 * mdadm --detail} ({@link MdadmDetail}): {@code /proc/mdstat} alone cannot show a raid0 that lost
 * a member (it keeps printing {@code active raid0}); only sysfs {@code array_state} says {@code
 * broken}.
 *
 * <p><b>Which arrays.</b> With {@link #withArray(String)}, the array of that name; else with
 * {@link #withExpectedDevices(String...)}, the arrays holding any expected device; else every
 * array given (so a node with a raid1 boot mirror needs one of the two).
 *
 * <p><b>Findings</b> (subject {@code node:array}); each failing one has a remedy, and every check
 * that passes leaves a PASS (or an INFO when it could not be made), so a clean node shows what was
 * checked:
 *
 * <table>
 *   <caption>Finding codes</caption>
 *   <tr><th>fails with</th><th>when</th><th>passes as</th></tr>
 *   <tr><td>{@code RAID-ARRAY-MISSING}</td><td>no array matches (subject: the node)</td><td></td></tr>
 *   <tr><td>{@code RAID-UNKNOWN-LAYOUT}</td><td>a parser could not read the array (level and state
 *       {@code unknown}), or sources disagree on the level (e.g. btrfs data in two profiles)</td>
 *       <td>—</td></tr>
 *   <tr><td>{@code RAID-NOT-RAID0}</td><td>the level is not {@code raid0} (LVM {@code striped} counts
 *       as RAID-0)</td><td>{@code RAID-LEVEL-RAID0}</td></tr>
 *   <tr><td>{@code RAID-ARRAY-BROKEN}</td><td>state {@code broken}, {@code inactive}, {@code clear},
 *       {@code suspended}, or a slot without a device ({@code [2/1]}); WARN when read-only</td>
 *       <td>{@code RAID-ARRAY-HEALTHY}; INFO {@code RAID-STATE-UNVERIFIED} for a raid0 seen only
 *       through mdstat</td></tr>
 *   <tr><td>{@code RAID-MEMBER-FAILED}</td><td>a member is faulty in any source</td>
 *       <td>{@code RAID-MEMBERS-OK}</td></tr>
 *   <tr><td>{@code RAID-MEMBER-COUNT}</td><td>data members ≠ {@link #withMembers(int)} (or the
 *       number of expected devices); WARN for a one-member array when no count is set</td>
 *       <td>{@code RAID-MEMBER-COUNT-OK}</td></tr>
 *   <tr><td>{@code RAID-MEMBER-MISMATCH}</td><td>an expected device is not a member, or a member is
 *       not expected</td><td>{@code RAID-MEMBERS-EXPECTED}</td></tr>
 *   <tr><td>{@code RAID-MEMBER-SIZE-SKEW}</td><td>(largest − smallest) / largest member size above
 *       the allowed skew</td><td>{@code RAID-MEMBER-SIZES-EVEN}; INFO {@code
 *       RAID-MEMBER-SIZES-UNKNOWN}</td></tr>
 *   <tr><td>{@code RAID-CHUNK-MISMATCH}</td><td>two sources give different chunk sizes (md chunk vs
 *       lsblk {@code MIN-IO})</td><td>—</td></tr>
 *   <tr><td>{@code RAID-CHUNK-OUT-OF-RANGE}</td><td>chunk outside the range or not a power of
 *       two</td><td>{@code RAID-CHUNK-IN-RANGE}; INFO {@code RAID-CHUNK-UNKNOWN}</td></tr>
 *   <tr><td>{@code RAID-DEGRADED-SYNC}</td><td>levels with redundancy only: FAIL when degraded or
 *       recovering/reshaping, WARN while a resync, check or repair runs or waits</td>
 *       <td>{@code RAID-SYNC-IDLE}</td></tr>
 * </table>
 *
 * <p>Defaults of {@link #raid0()}: no member count, member-size skew {@value #DEFAULT_SIZE_SKEW},
 * chunk 64 KiB to 1 MiB, no expected devices, no array name. Immutable and thread-safe.
 */
public final class RaidCheck {

    /** The default allowed member-size skew, 5 %. */
    public static final double DEFAULT_SIZE_SKEW = 0.05;
    /** The default smallest chunk, 64 KiB. */
    public static final long DEFAULT_MIN_CHUNK = 64 * 1024L;
    /** The default largest chunk, 1 MiB. */
    public static final long DEFAULT_MAX_CHUNK = 1024 * 1024L;

    private final int members;
    private final double sizeSkew;
    private final long minChunk;
    private final long maxChunk;
    private final List<String> expectedDevices;
    private final Optional<String> array;

    private RaidCheck(int members, double sizeSkew, long minChunk, long maxChunk, List<String> expectedDevices,
            Optional<String> array) {
        this.members = members;
        this.sizeSkew = sizeSkew;
        this.minChunk = minChunk;
        this.maxChunk = maxChunk;
        this.expectedDevices = List.copyOf(expectedDevices);
        this.array = array;
    }

    /**
     * Returns the RAID-0 policy with the defaults listed on the {@linkplain RaidCheck type}.
     *
     * @return the RAID-0 policy with the defaults listed on the {@linkplain RaidCheck type}
     */
    public static RaidCheck raid0() {
        return new RaidCheck(0, DEFAULT_SIZE_SKEW, DEFAULT_MIN_CHUNK, DEFAULT_MAX_CHUNK, List.of(), Optional.empty());
    }

    /**
     * A copy that wants exactly this many data members.
     *
     * @param n how many data members the array must have, at least 1
     * @return a copy with that member count
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public RaidCheck withMembers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("members must be at least 1 but was " + n);
        }
        return new RaidCheck(n, sizeSkew, minChunk, maxChunk, expectedDevices, array);
    }

    /**
     * A copy that allows this member-size skew.
     *
     * @param ratio the largest allowed (largest − smallest) / largest member size, from 0 (equal
     *     sizes) to below 1; a raid0 over unequal members has a second, unstriped zone
     * @return a copy with that skew
     * @throws IllegalArgumentException when {@code ratio} is outside {@code [0, 1)}
     */
    public RaidCheck withMemberSizeSkew(double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("member size skew must be in [0, 1) but was " + ratio);
        }
        return new RaidCheck(members, ratio, minChunk, maxChunk, expectedDevices, array);
    }

    /**
     * A copy that allows chunks from {@code minBytes} to {@code maxBytes}.
     *
     * @param minBytes the smallest allowed chunk, above 0
     * @param maxBytes the largest allowed chunk, at least {@code minBytes}
     * @return a copy with that range; chunks must also be powers of two
     * @throws IllegalArgumentException when the range is empty or not positive
     */
    public RaidCheck withChunkRange(long minBytes, long maxBytes) {
        if (minBytes <= 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("chunk range must satisfy 0 < min <= max but was " + minBytes
                    + ".." + maxBytes);
        }
        return new RaidCheck(members, sizeSkew, minBytes, maxBytes, expectedDevices, array);
    }

    /**
     * Names the disks the array must be built of, by stable id. Kernel names such as {@code sdb} or
     * {@code nvme0n1} are refused: the kernel hands them out in probe order, so after a reboot or a
     * disk swap {@code sdb} can be another disk, and a check by kernel name would pass for the
     * wrong disk. A {@code /dev/disk/by-id/...} (or {@code by-path}, {@code by-uuid}, …) link
     * follows the disk. Members are matched through the links passed to {@link #check(String,
     * List, Map)}, or directly when a source already names members by stable id. Also sets the
     * member count when {@link #withMembers(int)} was not called.
     *
     * @param stableIds paths under {@code /dev/disk/by-*}, e.g. {@code
     *     /dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456}
     * @return a copy with those devices
     * @throws IllegalArgumentException when an id is not under {@code /dev/disk/by-}
     */
    public RaidCheck withExpectedDevices(String... stableIds) {
        for (String id : stableIds) {
            Objects.requireNonNull(id, "stableIds");
            if (!id.startsWith("/dev/disk/by-") || id.endsWith("/")) {
                throw new IllegalArgumentException("'" + id + "' is not a stable id (expected a link such as"
                        + " /dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456; kernel names like sdb or nvme0n1"
                        + " change with probe order across reboots)");
            }
        }
        return new RaidCheck(members, sizeSkew, minChunk, maxChunk, List.of(stableIds), array);
    }

    /**
     * A copy that checks only the array of this name.
     *
     * @param name the array to check, e.g. {@code md0} or {@code /dev/md0}
     * @return a copy that checks only that array
     */
    public RaidCheck withArray(String name) {
        Objects.requireNonNull(name, "name");
        return new RaidCheck(members, sizeSkew, minChunk, maxChunk, expectedDevices, Optional.of(name));
    }

    /**
     * Checks a node's arrays, matching expected devices only by the names the sources give.
     *
     * @param node the node's name, used in every finding's subject
     * @param arrays every view of the node's arrays, from any parsers of this package
     * @return the findings, in array order
     */
    public Report check(String node, List<RaidArray> arrays) {
        return check(node, arrays, Map.of());
    }

    /**
     * Checks a node's arrays, resolving expected stable ids through the node's links.
     *
     * <pre>{@code
     * // from: for l in /dev/disk/by-id/*; do echo "$l $(readlink -f $l)"; done
     * Map<String, String> links = Map.of("/dev/disk/by-id/nvme-A", "/dev/nvme0n1");
     * }</pre>
     *
     * @param node the node's name, used in every finding's subject
     * @param arrays every view of the node's arrays, from any parsers of this package
     * @param deviceLinks stable id → the device it points to ({@code /dev/nvme0n1}, {@code
     *     ../../nvme0n1} or {@code nvme0n1})
     * @return the findings, in array order
     */
    public Report check(String node, List<RaidArray> arrays, Map<String, String> deviceLinks) {
        Objects.requireNonNull(node, "node");
        Map<String, String> links = Map.copyOf(deviceLinks);
        List<RaidGroup> selected = RaidGroup.of(arrays).stream().filter(g -> selects(g, links)).toList();
        if (selected.isEmpty()) {
            return Report.of(Finding.fail("RAID-ARRAY-MISSING", node, "no array " + selection() + " among "
                    + arrays.size() + " array view(s)", "create the RAID-0 array (mdadm --create /dev/md0 --level=0"
                    + " --raid-devices=N --chunk=512K <by-id paths>), or pass the node's /proc/mdstat and"
                    + " /sys/block views"));
        }
        List<Finding> findings = new ArrayList<>();
        for (RaidGroup group : selected) {
            findings.addAll(new RaidGroupCheck(this, node + ":" + group.name(), group, links).findings());
        }
        return Report.of(findings);
    }

    int members() {
        return members > 0 ? members : expectedDevices.size();
    }

    double sizeSkew() {
        return sizeSkew;
    }

    long minChunk() {
        return minChunk;
    }

    long maxChunk() {
        return maxChunk;
    }

    List<String> expectedDevices() {
        return expectedDevices;
    }

    private boolean selects(RaidGroup group, Map<String, String> links) {
        if (array.isPresent()) {
            return group.hasName(array.get());
        }
        if (!expectedDevices.isEmpty()) {
            return expectedDevices.stream().map(id -> resolve(id, links)).anyMatch(group.allDevices()::contains);
        }
        return true;
    }

    /** A stable id as the kernel name it links to, or the id itself when no link is known. */
    static String resolve(String stableId, Map<String, String> links) {
        String target = links.get(stableId);
        return target == null ? stableId : RaidGroup.deviceName(target);
    }

    private String selection() {
        if (array.isPresent()) {
            return "named " + array.get();
        }
        return expectedDevices.isEmpty() ? "at all" : "over " + String.join(", ", expectedDevices);
    }

    @Override
    public String toString() {
        return "RaidCheck.raid0()" + (members > 0 ? ".withMembers(" + members + ")" : "")
                + ".withMemberSizeSkew(" + sizeSkew + ").withChunkRange(" + minChunk + ", " + maxChunk + ")"
                + (expectedDevices.isEmpty() ? "" : ".withExpectedDevices(" + String.join(", ", expectedDevices) + ")")
                + array.map(a -> ".withArray(" + a + ")").orElse("");
    }
}
