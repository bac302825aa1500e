package dev.gantry.core.raid;

import dev.gantry.core.ByteSize;
import dev.gantry.core.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The findings of one {@link RaidCheck} for one array, seen through one or more sources. */
final class RaidGroupCheck {

    private static final Set<String> RAID0 = Set.of("raid0", "striped");
    private static final Set<String> REDUNDANT = Set.of("raid1", "raid4", "raid5", "raid6", "raid10", "mirror",
            "dup");
    private static final Set<String> BROKEN = Set.of("broken", "inactive", "clear", "suspended", "failed");
    private static final Set<String> READ_ONLY = Set.of("read-only", "readonly");

    private final RaidCheck policy;
    private final String subject;
    private final RaidGroup group;
    private final Map<String, String> links;
    private final List<Finding> findings = new ArrayList<>();

    RaidGroupCheck(RaidCheck policy, String subject, RaidGroup group, Map<String, String> links) {
        this.policy = policy;
        this.subject = subject;
        this.group = group;
        this.links = links;
    }

    List<Finding> findings() {
        Set<String> levels = group.knownLevels();
        if (!layoutKnown(levels)) {
            state(levels);
            return findings;
        }
        String level = levels.iterator().next();
        level(level);
        state(levels);
        failedMembers();
        memberCount();
        expectedDevices();
        sizeSkew();
        if (RAID0.contains(level)) {
            chunk();
        }
        if (REDUNDANT.contains(level)) {
            sync();
        }
        return findings;
    }

    private boolean layoutKnown(Set<String> levels) {
        if (!group.unreadable().isEmpty()) {
            fail("RAID-UNKNOWN-LAYOUT", group.unreadable().size() + " source(s) could not read this array's layout"
                    + (levels.isEmpty() ? "" : "; others say " + String.join(", ", levels)),
                    "capture the array again (cat /proc/mdstat; mdadm --detail --export) and check the parser's"
                            + " WARN log for the line it could not read");
        }
        if (levels.size() > 1) {
            fail("RAID-UNKNOWN-LAYOUT", "sources disagree on the layout: " + String.join(", ", levels),
                    "finish the conversion or balance so one layout remains (e.g. btrfs balance start"
                            + " -dconvert=raid0 <mount>), then check again");
        }
        return levels.size() == 1;
    }

    private void level(String level) {
        if (RAID0.contains(level)) {
            pass("RAID-LEVEL-RAID0", "level " + level);
        } else {
            fail("RAID-NOT-RAID0", "level " + level + ", expected raid0", "rebuild the data volume as RAID-0"
                    + " (mdadm --create --level=0), or select the data array with withArray(...) or"
                    + " withExpectedDevices(...)");
        }
    }

    private void state(Set<String> levels) {
        Set<String> states = group.states();
        Set<String> broken = states.stream().filter(s -> BROKEN.contains(s.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        int missing = group.missingSlots();
        if (!broken.isEmpty() || missing > 0) {
            fail("RAID-ARRAY-BROKEN", "state " + String.join(", ", states)
                    + (missing > 0 ? "; " + missing + " slot(s) without a device" : ""),
                    "stop writes, replace or reconnect the missing disk (dmesg; mdadm --detail), then re-create"
                            + " a raid0 and restore its data from replicas; a redundant array: mdadm --add a new"
                            + " disk and let it recover");
        } else if (states.stream().anyMatch(READ_ONLY::contains)) {
            warn("RAID-ARRAY-BROKEN", "state " + String.join(", ", states) + ": writes are refused",
                    "mdadm --readwrite /dev/" + RaidGroup.shortName(group.views().get(0).name()));
        } else if (states.size() == 1 && states.contains("unknown")) {
            return;
        } else if (levels.stream().anyMatch(RAID0::contains) && onlyMdstatLike()) {
            info("RAID-STATE-UNVERIFIED", "state " + String.join(", ", states) + " from /proc/mdstat only, which"
                    + " keeps saying active for a raid0 that lost a member; read sysfs md/array_state (MdSysfs)");
        } else {
            pass("RAID-ARRAY-HEALTHY", "state " + String.join(", ", states) + ", no slot without a device");
        }
    }

    /** mdstat gives neither slots nor sizes; sysfs, mdadm and lsblk give one or the other. */
    private boolean onlyMdstatLike() {
        return group.views().stream().flatMap(v -> v.members().stream())
                .allMatch(m -> m.index() < 0 && m.sizeBytes() == 0);
    }

    private void failedMembers() {
        Set<String> faulty = group.faultyDevices();
        if (faulty.isEmpty()) {
            pass("RAID-MEMBERS-OK", "no member marked faulty");
        } else {
            fail("RAID-MEMBER-FAILED", "faulty member(s): " + String.join(", ", faulty),
                    "replace the disk(s) (smartctl -a; mdadm --remove then --add); a raid0 has lost its data:"
                            + " re-create it and restore from replicas");
        }
    }

    private void memberCount() {
        int count = group.dataSlots();
        int expected = policy.members();
        if (expected > 0 && count != expected) {
            fail("RAID-MEMBER-COUNT", count + " data member(s), expected " + expected,
                    "re-create the array over all " + expected + " disks (a raid0 cannot grow in place without"
                            + " a reshape: mdadm --grow --raid-devices=" + expected + ")");
        } else if (expected > 0) {
            pass("RAID-MEMBER-COUNT-OK", count + " data member(s), as expected");
        } else if (count < 2) {
            warn("RAID-MEMBER-COUNT", count + " data member(s): nothing is striped",
                    "add disks to the stripe, or set withMembers(1) if one disk is intended");
        } else {
            pass("RAID-MEMBER-COUNT-OK", count + " data member(s) (no expected count set)");
        }
    }

    private void expectedDevices() {
        if (policy.expectedDevices().isEmpty()) {
            return;
        }
        Set<String> present = group.allDevices();
        List<String> absent = policy.expectedDevices().stream()
                .filter(id -> !present.contains(RaidCheck.resolve(id, links))).toList();
        Set<String> expected = policy.expectedDevices().stream().map(id -> RaidCheck.resolve(id, links))
                .collect(Collectors.toSet());
        List<String> unexpected = present.stream().filter(d -> !expected.contains(d)).toList();
        if (absent.isEmpty() && unexpected.isEmpty()) {
            pass("RAID-MEMBERS-EXPECTED", "members are the expected devices");
            return;
        }
        fail("RAID-MEMBER-MISMATCH", (absent.isEmpty() ? "" : "expected but not members: " + String.join(", ", absent)
                + (links.isEmpty() ? " (no by-id links given to resolve them)" : "") + "; ")
                + (unexpected.isEmpty() ? "" : "members not expected: " + String.join(", ", unexpected)),
                "compare ls -l /dev/disk/by-id with the array (mdadm --detail); re-create the array over the"
                        + " expected disks, or fix the expected list");
    }

    private void sizeSkew() {
        List<RaidMember> sized = group.sizedMembers();
        if (sized.size() < 2) {
            info("RAID-MEMBER-SIZES-UNKNOWN", "member sizes not reported by these sources (mdstat gives none);"
                    + " pass MdSysfs or lsblk views to compare them");
            return;
        }
        long max = sized.stream().mapToLong(RaidMember::sizeBytes).max().orElseThrow();
        long min = sized.stream().mapToLong(RaidMember::sizeBytes).min().orElseThrow();
        double skew = (double) (max - min) / max;
        String sizes = "members " + ByteSize.ofBytes(min) + " to " + ByteSize.ofBytes(max)
                + String.format(Locale.ROOT, " (skew %.3f, allowed %.3f)", skew, policy.sizeSkew());
        if (skew > policy.sizeSkew()) {
            fail("RAID-MEMBER-SIZE-SKEW", sizes, "use disks of one size: beyond the smallest member a raid0 has a"
                    + " second, narrower zone (slower, and kernels since 5.3.4 refuse to assemble it without"
                    + " raid0.default_layout or a recorded layout)");
        } else {
            pass("RAID-MEMBER-SIZES-EVEN", sizes);
        }
    }

    private void chunk() {
        Set<Long> chunks = group.chunks();
        if (chunks.size() > 1) {
            fail("RAID-CHUNK-MISMATCH", "sources give different chunk sizes: " + chunks.stream()
                    .map(c -> ByteSize.ofBytes(c).toString()).collect(Collectors.joining(", ")),
                    "compare cat /sys/block/<md>/md/chunk_size with lsblk -o NAME,MIN-IO,OPT-IO and the LVM"
                            + " stripe_size; align the layer that disagrees (pvcreate --dataalignment, mkfs su/sw)");
            return;
        }
        if (chunks.isEmpty()) {
            info("RAID-CHUNK-UNKNOWN", "no source reports the chunk size");
            return;
        }
        long chunk = chunks.iterator().next();
        boolean powerOfTwo = Long.bitCount(chunk) == 1;
        String range = ByteSize.ofBytes(policy.minChunk()) + " to " + ByteSize.ofBytes(policy.maxChunk());
        if (!powerOfTwo || chunk < policy.minChunk() || chunk > policy.maxChunk()) {
            fail("RAID-CHUNK-OUT-OF-RANGE", "chunk " + ByteSize.ofBytes(chunk) + (powerOfTwo ? "" : ", not a power"
                    + " of two,") + " outside " + range, "re-create the array with --chunk within " + range
                    + " (mdadm's default is 512K), or widen the policy with withChunkRange(...)");
        } else {
            pass("RAID-CHUNK-IN-RANGE", "chunk " + ByteSize.ofBytes(chunk) + " within " + range);
        }
    }

    private void sync() {
        List<SyncProgress> syncs = group.syncs();
        boolean degraded = group.missingSlots() > 0 || !group.faultyDevices().isEmpty();
        boolean rebuilding = syncs.stream()
                .anyMatch(s -> s.action().equals("recovery") || s.action().equals("reshape"));
        String what = syncs.stream().map(s -> s.action() + (s.isRunning() ? " " + s.percent() + "%" : "="
                + s.state())).collect(Collectors.joining(", "));
        if (degraded || rebuilding) {
            fail("RAID-DEGRADED-SYNC", (degraded ? "degraded" : "not degraded") + (what.isEmpty() ? "" : "; " + what),
                    "replace the failed disk and let recovery finish (cat /proc/mdstat) before taking any"
                            + " other member offline");
        } else if (!syncs.isEmpty()) {
            warn("RAID-DEGRADED-SYNC", what, "let it finish before maintenance; a DELAYED/PENDING sync starts"
                    + " after the running one or on first write (mdadm --readwrite)");
        } else {
            pass("RAID-SYNC-IDLE", "in sync, no resync, recovery, check or reshape");
        }
    }

    private void pass(String code, String message) {
        findings.add(Finding.pass(code, subject, message));
    }

    private void info(String code, String message) {
        findings.add(Finding.info(code, subject, message));
    }

    private void warn(String code, String message, String remedy) {
        findings.add(Finding.warn(code, subject, message, remedy));
    }

    private void fail(String code, String message, String remedy) {
        findings.add(Finding.fail(code, subject, message, remedy));
    }
}
