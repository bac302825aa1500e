package dev.gantry.core.raid;

import dev.gantry.core.ByteSize;
import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the human form of {@code mdadm --detail /dev/mdX}. */
final class MdadmHumanReader {

    private static final Pattern TITLE = Pattern.compile("(/dev/\\S+):");
    private static final Pattern STATUS = Pattern.compile("(\\d{1,3})% complete");
    private static final Pattern CONTINUATION = Pattern.compile("\\s+\\([^()]*\\)\\s*");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(?:\\s.*)?");
    private static final Map<String, String> SYNC_LABELS = Map.of("Rebuild Status", "recovery",
            "Resync Status", "resync", "Reshape Status", "reshape", "Check Status", "check");
    private static final Set<String> WORDS = Set.of("active", "sync", "faulty", "spare", "rebuilding",
            "journal", "removed", "writemostly", "failfast", "set-A", "set-B", "replacement", "missing");

    private final MdadmLines lines;
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, MdadmLines.Line> where = new HashMap<>();
    private final List<RaidMember> members = new ArrayList<>();
    private String previous;

    MdadmHumanReader(MdadmLines lines) {
        this.lines = lines;
    }

    RaidArray read() {
        Matcher title = TITLE.matcher(lines.first().text().strip());
        if (!title.matches()) {
            throw lines.error(lines.first(), "expected mdadm --detail output starting with '/dev/md0:' or"
                    + " --export output of MD_LEVEL=... lines");
        }
        boolean table = false;
        for (MdadmLines.Line line : lines.all().subList(1, lines.all().size())) {
            String text = line.text().strip();
            if (!table && text.startsWith("Number") && text.contains("RaidDevice")) {
                table = true;
            } else if (table) {
                members.add(row(line));
            } else {
                label(line);
            }
        }
        return array(RaidGroup.shortName(title.group(1)));
    }

    /**
     * Reads {@code Label : value}, or {@code Label :} with no value (a container without volumes
     * prints {@code Member Arrays :}), or an indented {@code (…)} line that continues the label
     * before it (DDF's {@code Container GUID :} is followed by {@code (Linux-MD 03/17/22 10:16:15)}).
     */
    private void label(MdadmLines.Line line) {
        String text = line.text();
        int colon = text.indexOf(" : ");
        if (colon < 0 && text.endsWith(" :")) {
            colon = text.length() - 2;
        }
        if (colon < 0 && previous != null && CONTINUATION.matcher(text).matches()) {
            labels.put(previous, (labels.get(previous) + " " + text.strip()).strip());
            return;
        }
        if (colon < 0) {
            throw lines.error(line, "expected 'Label : value' (such as 'Raid Level : raid0'), an indented"
                    + " '(...)' line continuing the label above it, or the device table");
        }
        String label = text.substring(0, colon).strip();
        labels.put(label, text.substring(Math.min(text.length(), colon + 3)).strip());
        where.put(label, line);
        previous = label;
    }

    private RaidArray array(String name) {
        if (!labels.containsKey("Raid Level") && !labels.containsKey("State")) {
            throw ParseException.of(lines.source(), "no 'Raid Level :' or 'State :' line; expected mdadm --detail"
                    + " output");
        }
        String level = labels.getOrDefault("Raid Level", "unknown");
        long memberBytes = kib("Used Dev Size");
        List<RaidMember> sized = members.stream()
                .map(m -> m.missing() || memberBytes == 0 ? m : m.withSizeBytes(memberBytes)).toList();
        int raidDisks = labels.containsKey("Raid Devices") ? (int) lines.number(where.get("Raid Devices"),
                labels.get("Raid Devices"), MdadmLines.MAX_DEVICES, "Raid Devices") : 0;
        List<RaidMember> all = MdadmLines.withMissingSlots(sized, raidDisks);
        return new RaidArray(name, level, state(), all, chunk(), kib("Array Size"), sync());
    }

    private String state() {
        String value = labels.getOrDefault("State", "unknown");
        if (value.contains("FAILED")) {
            return "failed";
        }
        if (value.contains("Not Started")) {
            return "inactive";
        }
        String first = value.split(",")[0].strip();
        return first.isEmpty() ? "unknown" : first.toLowerCase(Locale.ROOT);
    }

    private long kib(String label) {
        if (!labels.containsKey(label)) {
            return 0;
        }
        Matcher m = SIZE.matcher(labels.get(label));
        if (!m.matches()) {
            throw lines.error(where.get(label), label + " should start with a size in KiB, like 937440256 (894.01"
                    + " GiB 959.94 GB)");
        }
        long value = lines.number(where.get(label), m.group(1), Long.MAX_VALUE / 1024, label);
        return value * 1024;
    }

    private long chunk() {
        if (!labels.containsKey("Chunk Size")) {
            return 0;
        }
        try {
            return ByteSize.parse(labels.get("Chunk Size")).bytes();
        } catch (ParseException e) {
            throw new ParseException(lines.source(), where.get("Chunk Size").number(), where.get("Chunk Size").text(),
                    "Chunk Size should be a size like 512K", e);
        }
    }

    private Optional<SyncProgress> sync() {
        for (Map.Entry<String, String> label : SYNC_LABELS.entrySet()) {
            if (labels.containsKey(label.getKey())) {
                Matcher m = STATUS.matcher(labels.get(label.getKey()));
                if (!m.matches() || Integer.parseInt(m.group(1)) > 100) {
                    throw lines.error(where.get(label.getKey()), "expected '<0..100>% complete'");
                }
                return Optional.of(SyncProgress.running(label.getValue(), Integer.parseInt(m.group(1))));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code Number Major Minor RaidDevice State... [device]}, with {@code -} for unknown numbers;
     * an inactive array's table has no State column, so its members have no role.
     */
    private RaidMember row(MdadmLines.Line line) {
        String[] tokens = line.text().strip().split("\\s+");
        if (tokens.length < 5) {
            throw lines.error(line, "expected a device row 'Number Major Minor RaidDevice State [device]'");
        }
        boolean hasDevice = tokens[tokens.length - 1].startsWith("/");
        List<String> words = List.of(tokens).subList(4, hasDevice ? tokens.length - 1 : tokens.length);
        for (int i = 0; i < 3; i++) {
            if (!tokens[i].equals("-")) {
                lines.number(line, tokens[i], Integer.MAX_VALUE, "column " + (i + 1));
            }
        }
        int slot = tokens[3].equals("-") ? -1
                : (int) lines.number(line, tokens[3], MdadmLines.MAX_DEVICES, "RaidDevice");
        if (words.isEmpty() && hasDevice) {
            return new RaidMember(tokens[tokens.length - 1], slot, 0, MemberRole.UNKNOWN);
        }
        if (words.isEmpty() || !WORDS.containsAll(words)) {
            throw lines.error(line, "unknown device state " + words + " (expected words of " + WORDS + ")");
        }
        if (words.contains("removed") || !hasDevice) {
            return RaidMember.missingSlot(slot);
        }
        return new RaidMember(tokens[tokens.length - 1], slot, 0, role(words));
    }

    private static MemberRole role(List<String> words) {
        if (words.contains("faulty")) {
            return MemberRole.FAULTY;
        } else if (words.contains("journal")) {
            return MemberRole.JOURNAL;
        } else if (words.contains("rebuilding") || words.contains("replacement")) {
            return MemberRole.REBUILDING;
        } else if (words.contains("spare")) {
            return MemberRole.SPARE;
        }
        return MemberRole.ACTIVE;
    }
}
