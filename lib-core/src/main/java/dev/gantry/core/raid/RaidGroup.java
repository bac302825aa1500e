package dev.gantry.core.raid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The views several sources give of one array (mdstat, sysfs, mdadm, lsblk, ...), matched by
 * name or by member devices, and the facts that follow from all of them together.
 */
final class RaidGroup {

    private final List<RaidArray> views = new ArrayList<>();

    RaidGroup(RaidArray first) {
        views.add(first);
    }

    /** Groups arrays in first-seen order; two arrays are one when {@link #matches} says so. */
    static List<RaidGroup> of(List<RaidArray> arrays) {
        List<RaidGroup> groups = new ArrayList<>();
        for (RaidArray array : arrays) {
            groups.stream().filter(g -> g.matches(array)).findFirst()
                    .ifPresentOrElse(g -> g.views.add(array), () -> groups.add(new RaidGroup(array)));
        }
        return groups;
    }

    /** Same name once {@code /dev/} is dropped, or the same non-empty set of member devices. */
    boolean matches(RaidArray array) {
        String name = shortName(array.name());
        Set<String> devices = devices(array);
        return views.stream().anyMatch(v -> shortName(v.name()).equals(name)
                || (!devices.isEmpty() && devices(v).equals(devices)));
    }

    List<RaidArray> views() {
        return views;
    }

    String name() {
        return views.stream().map(RaidArray::name).map(RaidGroup::shortName).distinct()
                .reduce((a, b) -> a + "=" + b).orElseThrow();
    }

    boolean hasName(String name) {
        return views.stream().anyMatch(v -> shortName(v.name()).equals(shortName(name)));
    }

    /** Every member device any view names, as kernel names ({@code sdb}) or stable ids. */
    Set<String> allDevices() {
        Set<String> all = new LinkedHashSet<>();
        views.forEach(v -> all.addAll(devices(v)));
        return all;
    }

    /** Levels the views agree on, without {@code unknown}. */
    Set<String> knownLevels() {
        Set<String> levels = new LinkedHashSet<>();
        views.stream().map(RaidArray::level).filter(l -> !"unknown".equals(l)).forEach(levels::add);
        return levels;
    }

    /** Views a parser could not read: level and state both {@code unknown}. */
    List<RaidArray> unreadable() {
        return views.stream().filter(v -> "unknown".equals(v.level()) && "unknown".equals(v.state())).toList();
    }

    Set<String> states() {
        Set<String> states = new LinkedHashSet<>();
        views.forEach(v -> states.add(v.state()));
        return states;
    }

    Set<String> faultyDevices() {
        Set<String> faulty = new LinkedHashSet<>();
        views.forEach(v -> v.members().stream().filter(RaidMember::faulty)
                .forEach(m -> faulty.add(deviceName(m.device()))));
        return faulty;
    }

    int missingSlots() {
        return views.stream().mapToInt(v -> (int) v.members().stream().filter(RaidMember::missing).count())
                .max().orElse(0);
    }

    /** The most data slots any view shows: members that are not spare, journal or faulty. */
    int dataSlots() {
        return views.stream().mapToInt(v -> dataMembers(v).size()).max().orElse(0);
    }

    /** Sizes of the data members of the first view that gives a size for each of them. */
    List<RaidMember> sizedMembers() {
        for (RaidArray view : views) {
            List<RaidMember> data = dataMembers(view).stream().filter(m -> !m.missing()).toList();
            if (!data.isEmpty() && data.stream().allMatch(m -> m.sizeBytes() > 0)) {
                return data;
            }
        }
        return List.of();
    }

    Set<Long> chunks() {
        Set<Long> chunks = new LinkedHashSet<>();
        views.stream().map(RaidArray::chunkBytes).filter(c -> c > 0).forEach(chunks::add);
        return chunks;
    }

    List<SyncProgress> syncs() {
        return views.stream().flatMap(v -> v.sync().stream()).toList();
    }

    private static List<RaidMember> dataMembers(RaidArray array) {
        return array.members().stream().filter(m -> m.role() == MemberRole.ACTIVE
                || m.role() == MemberRole.REBUILDING || m.missing()).toList();
    }

    private static Set<String> devices(RaidArray array) {
        Set<String> devices = new LinkedHashSet<>();
        array.members().stream().filter(m -> !m.missing()).forEach(m -> devices.add(deviceName(m.device())));
        return devices;
    }

    /** {@code /dev/md0} and {@code md0} are one name. */
    static String shortName(String name) {
        return name.startsWith("/dev/") ? name.substring("/dev/".length()) : name;
    }

    /**
     * A stable id ({@code /dev/disk/by-id/...}) stays as it is; any other path becomes its kernel
     * name, its last segment: {@code /dev/sdb}, {@code ../../sdb} and {@code sdb} are all {@code sdb}.
     */
    static String deviceName(String device) {
        if (device.startsWith("/dev/disk/")) {
            return device;
        }
        return device.substring(device.lastIndexOf('/') + 1);
    }
}
