package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** One {@code /sys/block/mdX} directory read into a {@link RaidArray}. */
final class MdSysfsArray {

    private static final int MAX_FILE = 4096;
    private static final int MAX_RAID_DISKS = 4096;

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
        List<RaidMember> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(md)) {
            for (Path dev : entries.filter(p -> p.getFileName().toString().startsWith("dev-")).sorted().toList()) {
                members.add(member(dev));
            }
        }
        Set<Integer> held = new HashSet<>();
        members.stream().filter(m -> m.role() != MemberRole.SPARE).forEach(m -> held.add(m.index()));
        int raidDisks = raidDisks();
        for (int slot = 0; slot < raidDisks; slot++) {
            if (!held.contains(slot)) {
                members.add(RaidMember.missingSlot(slot));
            }
        }
        return members;
    }

    private RaidMember member(Path dev) throws IOException {
        String name = dev.getFileName().toString().substring("dev-".length());
        Path block = dev.resolve("block");
        if (Files.isSymbolicLink(block)) {
            Path target = Files.readSymbolicLink(block).getFileName();
            name = target == null ? name : target.toString();
        }
        Set<String> flags = Set.of(text(dev.resolve("state")).orElse("").split(","));
        String slotText = text(dev.resolve("slot")).orElse("none");
        int slot = slotText.equals("none") ? -1 : (int) parse(dev.resolve("slot"), slotText, MAX_RAID_DISKS);
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
        byte[] bytes = Files.readAllBytes(file);
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
