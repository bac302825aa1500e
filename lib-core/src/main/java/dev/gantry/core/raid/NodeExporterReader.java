package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Turns node_exporter samples into arrays; see {@link NodeExporterMd}. Not thread-safe. */
final class NodeExporterReader {

    private static final Map<String, String> SYNC_STATES =
            Map.of("resync", "resync", "recovering", "recovery", "check", "check");
    private static final int MAX_MEMBERS = 1024;
    private static final int MAX_TOTAL_MEMBERS = 100_000;

    private final String source;
    private final List<PromText.Sample> samples;
    private int created;

    NodeExporterReader(String source, List<PromText.Sample> samples) {
        this.source = source;
        this.samples = samples;
    }

    List<RaidArray> arrays() {
        List<RaidArray> arrays = new ArrayList<>();
        TreeMap<String, List<PromText.Sample>> md = new TreeMap<>();
        for (PromText.Sample s : samples) {
            if (s.name().startsWith("node_md_") && !s.label("device").isBlank()) {
                md.computeIfAbsent(s.label("device"), k -> new ArrayList<>()).add(s);
            }
        }
        md.forEach((device, list) -> arrays.add(mdArray(device, list)));
        arrays.addAll(btrfsArrays());
        return List.copyOf(arrays);
    }

    private RaidArray mdArray(String device, List<PromText.Sample> list) {
        Map<String, Double> state = new LinkedHashMap<>();
        Map<String, Double> disks = new LinkedHashMap<>();
        Map<String, Double> gauges = new LinkedHashMap<>();
        for (PromText.Sample s : list) {
            switch (s.name()) {
                case "node_md_state" -> state.put(s.label("state"), s.value());
                case "node_md_disks" -> disks.put(s.label("state"), s.value());
                default -> gauges.put(s.name(), s.value());
            }
        }
        double blocks = gauges.getOrDefault("node_md_blocks", 0.0);
        double synced = gauges.getOrDefault("node_md_blocks_synced", -1.0);
        String arrayState = state.isEmpty() ? "unknown"
                : state.getOrDefault("inactive", 0.0) == 1.0 ? "inactive" : "active";
        RaidArray array = new RaidArray(device, "unknown", arrayState, members(device, disks, gauges), 0, kib(blocks),
                Optional.empty());
        for (Map.Entry<String, String> sync : SYNC_STATES.entrySet()) {
            if (state.getOrDefault(sync.getKey(), 0.0) == 1.0) {
                double percent = blocks > 0 && synced >= 0 && synced <= blocks ? synced * 100 / blocks : -1;
                array = array.withSync(SyncProgress.running(sync.getValue(), percent));
            }
        }
        return array;
    }

    /**
     * Counted members: {@code node_md_disks} by state, and the slots that no active member fills as
     * {@linkplain RaidMember#missingSlot(int) missing slots}: required ({@code node_md_disks_required},
     * the n of mdstat's {@code [n/m]}) less active (its m); a failed member fills no slot. An array
     * seen only through the sysfs gauges of node_exporter 1.10 has {@code node_md_raid_disks} less
     * {@code node_md_degraded} active members and {@code node_md_degraded} missing slots.
     */
    private List<RaidMember> members(String device, Map<String, Double> disks, Map<String, Double> gauges) {
        int degraded = count(gauges.get("node_md_degraded"));
        int required = gauges.containsKey("node_md_disks_required") ? count(gauges.get("node_md_disks_required"))
                : count(gauges.get("node_md_raid_disks"));
        int active = disks.containsKey("active") ? count(disks.get("active")) : Math.max(0, required - degraded);
        List<RaidMember> members = new ArrayList<>();
        add(members, device, "active", active, MemberRole.ACTIVE);
        add(members, device, "failed", count(disks.get("failed")), MemberRole.FAULTY);
        add(members, device, "spare", count(disks.get("spare")), MemberRole.SPARE);
        int missing = Math.max(0, required - active);
        created += missing;
        checkTotal();
        for (int i = 0; i < missing; i++) {
            members.add(RaidMember.missingSlot(-1));
        }
        return members;
    }

    private List<RaidArray> btrfsArrays() {
        Map<String, RaidArray> arrays = new LinkedHashMap<>();
        Map<String, List<RaidMember>> devices = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (PromText.Sample s : samples) {
            String uuid = s.label("uuid");
            String key = uuid + "/" + s.label("mode");
            if ("node_btrfs_allocation_ratio".equals(s.name()) && "data".equals(s.label("block_group_type"))
                    && !uuid.isBlank() && !s.label("mode").isBlank()) {
                String level = s.label("mode").toLowerCase(Locale.ROOT);
                long chunk = List.of("raid0", "raid10", "raid5", "raid6").contains(level) ? BtrfsReader.STRIPE_LEN : 0;
                arrays.putIfAbsent(key, new RaidArray("btrfs:" + uuid + ":data", level, "active", List.of(), chunk, 0,
                        Optional.empty()));
            } else if ("node_btrfs_size_bytes".equals(s.name()) && "data".equals(s.label("block_group_type"))) {
                sizes.put(key, bytes(s.value()));
            } else if ("node_btrfs_device_size_bytes".equals(s.name()) && !s.label("device").isBlank()) {
                List<RaidMember> list = devices.computeIfAbsent(uuid, k -> new ArrayList<>());
                list.add(new RaidMember("/dev/" + s.label("device"), list.size(), bytes(s.value()), MemberRole.ACTIVE));
            }
        }
        List<RaidArray> result = new ArrayList<>();
        arrays.forEach((key, array) -> result.add(array
                .withMembers(devices.getOrDefault(key.substring(0, key.lastIndexOf('/')), List.of()))
                .withSizeBytes(sizes.getOrDefault(key, 0L))));
        return result;
    }

    private void add(List<RaidMember> members, String device, String kind, int count, MemberRole role) {
        created += count;
        checkTotal();
        for (int i = 0; i < count; i++) {
            members.add(new RaidMember(device + "/" + kind + "-" + i, -1, 0, role));
        }
    }

    private void checkTotal() {
        if (created > MAX_TOTAL_MEMBERS) {
            throw ParseException.of(source, "the metrics describe more than " + MAX_TOTAL_MEMBERS
                    + " md members; expected the metrics of one node");
        }
    }

    private static int count(Double value) {
        return value == null ? 0 : count(value.doubleValue());
    }

    private static int count(double value) {
        return Double.isFinite(value) && value > 0 ? (int) Math.min(value, MAX_MEMBERS) : 0;
    }

    private static long kib(double blocks) {
        return bytes(blocks * 1024);
    }

    private static long bytes(double value) {
        return Double.isFinite(value) && value > 0 ? (long) Math.min(value, Long.MAX_VALUE) : 0;
    }
}
