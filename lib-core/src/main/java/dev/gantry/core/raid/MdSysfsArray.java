package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One {@code /sys/block/mdX} directory read into a {@link RaidArray}. */
final class MdSysfsArray {

    private static final int MAX_FILE = 4096;
    private static final int MAX_RAID_DISKS = 4096;
    private static final Pattern RD_LINK = Pattern.compile("rd[0-9]{1,9}");

    private final Path device;
    private final Path md;

    MdSysfsArray(Path device) {
        this.device = device;
        this.md = device.resolve("md");
    }

    RaidArray read() throws IOException {
        String level = text(md.resolve("level")).filter(s -> !s.isEmpty()).orElse("unknown");
        String state = text(md.resolve("array_state")).filter(s -> !s.isEmpty()).orElse("unknown");
        long chunk = number(md.resolve("chunk_size"), 1);
        long size = number(device.resolve("size"), 512);
        List<RaidMember> members = members();
        Optional<SyncProgress> sync = sync();
        return new RaidArray(device.getFileName().toString(), level, state, members, chunk, size, sync);
    }

    private List<RaidMember> members() throws IOException {
        Map<String, Integer> linked = rdLinks();
        List<RaidMember> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(md)) {
            for (Path dev : entries.filter(p -> p.getFileName().toString().startsWith("dev-")).sorted().toList()) {
                members.add(member(dev, linked));
            }
        }
        members.addAll(missingSlots(members));
        return members;
    }

    /**
     * The slots below {@code raid_disks} that no active or rebuilding member holds. Members whose
     * slot is unknown fill as many of them; {@code md/degraded}, when present, caps the count (a
     * rebuilding member is one of the degraded). Slots are named only when the count is exact.
     */
    private List<RaidMember> missingSlots(List<RaidMember> members) throws IOException {
        Set<Integer> held = new HashSet<>();
        int unplaced = 0;
        int rebuilding = 0;
        for (RaidMember m : members) {
            if (m.role() == MemberRole.ACTIVE || m.role() == MemberRole.REBUILDING) {
                if (m.index() >= 0) {
                    held.add(m.index());
                } else {
                    unplaced++;
                }
                rebuilding += m.role() == MemberRole.REBUILDING ? 1 : 0;
            }
        }
        List<Integer> holes = new ArrayList<>();
        for (int slot = 0, raidDisks = raidDisks(); slot < raidDisks; slot++) {
            if (!held.contains(slot)) {
                holes.add(slot);
            }
        }
        int count = Math.max(0, holes.size() - unplaced);
        Optional<Integer> degraded = degraded();
        if (degraded.isPresent()) {
            count = Math.min(count, Math.max(0, degraded.get() - rebuilding));
        }
        List<RaidMember> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            missing.add(RaidMember.missingSlot(count == holes.size() ? holes.get(i) : -1));
        }
        return missing;
    }

    /** The {@code md/rdN} links: the {@code dev-*} directory each names, to its slot N. */
    private Map<String, Integer> rdLinks() throws IOException {
        Map<String, Integer> slots = new HashMap<>();
        try (Stream<Path> entries = Files.list(md)) {
            for (Path link : entries.filter(p -> RD_LINK.matcher(p.getFileName().toString()).matches()).toList()) {
                Path target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName() : null;
                if (target != null) {
                    String name = link.getFileName().toString();
                    slots.put(target.toString(), (int) parse(link, name.substring(2), MAX_RAID_DISKS - 1));
                }
            }
        }
        return slots;
    }

    private RaidMember member(Path dev, Map<String, Integer> linked) throws IOException {
        String dir = dev.getFileName().toString();
        String name = dir.substring("dev-".length());
        Path block = dev.resolve("block");
        if (Files.isSymbolicLink(block)) {
            Path target = Files.readSymbolicLink(block).getFileName();
            name = target == null ? name : target.toString();
        }
        Set<String> flags = Set.of(text(dev.resolve("state")).orElse("").split(","));
        Optional<String> slotText = text(dev.resolve("slot"));
        int slot = slotText.isEmpty() ? linked.getOrDefault(dir, -1)
                : slotText.get().equals("none") ? -1 : (int) parse(dev.resolve("slot"), slotText.get(), MAX_RAID_DISKS);
        long size = number(dev.resolve("size"), 1024);
        return new RaidMember(name, slot, size, role(flags, slot));
    }

    private static MemberRole role(Set<String> flags, int slot) {
        if (flags.contains("faulty")) {
            return MemberRole.FAULTY;
        } else if (flags.contains("journal")) {
            return MemberRole.JOURNAL;
        } else if (flags.contains("replacement")) {
            return MemberRole.REBUILDING;
        } else if (flags.contains("in_sync")) {
            return MemberRole.ACTIVE;
        } else if (flags.contains("spare")) {
            return slot >= 0 ? MemberRole.REBUILDING : MemberRole.SPARE;
        }
        return MemberRole.UNKNOWN;
    }

    /**
     * The slots of {@code md/raid_disks}: {@code "3 (2)"} during a reshape gives 3; a missing file
     * and an empty one (the kernel prints nothing when raid_disks is 0, as for an IMSM or DDF
     * container) give 0.
     */
    private int raidDisks() throws IOException {
        Path file = md.resolve("raid_disks");
        Optional<String> text = text(file).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return 0;
        }
        String first = text.get().split("\\s+")[0];
        return (int) parse(file, first, MAX_RAID_DISKS);
    }

    /** {@code md/degraded}: the slots without an in-sync device; empty for levels without redundancy. */
    private Optional<Integer> degraded() throws IOException {
        Path file = md.resolve("degraded");
        Optional<String> text = text(file).filter(t -> !t.isEmpty());
        return text.isEmpty() ? Optional.empty() : Optional.of((int) parse(file, text.get(), MAX_RAID_DISKS));
    }

    private Optional<SyncProgress> sync() throws IOException {
        String action = text(md.resolve("sync_action")).orElse("idle");
        if (action.equals("idle") || action.equals("frozen") || action.isEmpty()) {
            return Optional.empty();
        }
        String name = action.equals("recover") ? "recovery" : action;
        Path file = md.resolve("sync_completed");
        String completed = text(file).orElse("none");
        String[] parts = completed.split("\\s*/\\s*");
        if (parts.length != 2) {
            return Optional.of(new SyncProgress(name, "running", -1));
        }
        long done = parse(file, parts[0], Long.MAX_VALUE);
        long total = parse(file, parts[1], Long.MAX_VALUE);
        double percent = total == 0 ? -1 : Math.min(100.0, Math.floor(1000.0 * done / total) / 10);
        return Optional.of(SyncProgress.running(name, percent));
    }

    /** A file's trimmed text, or empty when it does not exist. */
    private static Optional<String> text(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE + 1);
        }
        if (bytes.length > MAX_FILE) {
            throw new ParseException(file.toString(), 1, "", "larger than " + MAX_FILE + " bytes (expected one"
                    + " short sysfs value)");
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
    }

    /** A file's number times a unit, or 0 when the file does not exist. */
    private static long number(Path file, long unit) throws IOException {
        Optional<String> text = text(file);
        if (text.isEmpty()) {
            return 0;
        }
        long value = parse(file, text.get(), Long.MAX_VALUE);
        try {
            return Math.multiplyExact(value, unit);
        } catch (ArithmeticException e) {
            throw new ParseException(file.toString(), 1, text.get(), "too large (expected at most "
                    + Long.MAX_VALUE / unit + ")", e);
        }
    }

    private static long parse(Path file, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > max) {
                throw new NumberFormatException("out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ParseException(file.toString(), 1, text, "expected a whole number from 0 to " + max, e);
        }
    }
}
