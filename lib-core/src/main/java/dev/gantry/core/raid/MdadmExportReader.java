package dev.gantry.core.raid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code mdadm --detail --export} output. */
final class MdadmExportReader {

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)=(.*)");
    private static final Pattern DEVICE_KEY = Pattern.compile("MD_DEVICE_(.+)_(ROLE|DEV)");

    private final MdadmLines lines;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, MdadmLines.Line> where = new LinkedHashMap<>();

    MdadmExportReader(MdadmLines lines) {
        this.lines = lines;
    }

    RaidArray read() {
        for (MdadmLines.Line line : lines.all()) {
            Matcher m = ENTRY.matcher(line.text().strip());
            if (!m.matches()) {
                throw lines.error(line, "expected KEY=value lines of mdadm --detail --export, like MD_LEVEL=raid0");
            }
            values.put(m.group(1), m.group(2).strip());
            where.put(m.group(1), line);
        }
        String level = Optional.ofNullable(values.get("MD_LEVEL")).orElseThrow(() -> lines.error(lines.first(),
                "no MD_LEVEL=... line; expected mdadm --detail --export output"));
        int raidDisks = values.containsKey("MD_DEVICES") ? (int) lines.number(where.get("MD_DEVICES"),
                values.get("MD_DEVICES"), MdadmLines.MAX_DEVICES, "MD_DEVICES") : 0;
        List<RaidMember> members = MdadmLines.withMissingSlots(members(raidDisks), raidDisks);
        return new RaidArray(name(), level, "unknown", members, 0, 0, Optional.empty());
    }

    private String name() {
        if (values.containsKey("MD_DEVNAME")) {
            return values.get("MD_DEVNAME");
        }
        return values.containsKey("MD_UUID") ? "uuid:" + values.get("MD_UUID") : "unknown";
    }

    private List<RaidMember> members(int raidDisks) {
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            Matcher m = DEVICE_KEY.matcher(key);
            if (m.matches()) {
                (m.group(2).equals("ROLE") ? roles : paths).put(m.group(1), values.get(key));
            }
        }
        List<RaidMember> members = new ArrayList<>();
        for (Map.Entry<String, String> role : roles.entrySet()) {
            String device = paths.getOrDefault(role.getKey(), role.getKey());
            if (device.isBlank()) {
                throw lines.error(where.get("MD_DEVICE_" + role.getKey() + "_DEV"), "empty device path");
            }
            members.add(member(device, role.getValue(), where.get("MD_DEVICE_" + role.getKey() + "_ROLE"),
                    raidDisks));
        }
        return members;
    }

    private RaidMember member(String device, String role, MdadmLines.Line line, int raidDisks) {
        switch (role) {
            case "spare":
                return new RaidMember(device, -1, 0, MemberRole.SPARE);
            case "faulty":
                return new RaidMember(device, -1, 0, MemberRole.FAULTY);
            case "journal":
                return new RaidMember(device, -1, 0, MemberRole.JOURNAL);
            default:
                int max = Math.max(0, (raidDisks == 0 ? MdadmLines.MAX_DEVICES : raidDisks) - 1);
                long slot = lines.number(line, role, max, "role (expected a slot number, spare, faulty or journal)");
                return RaidMember.active(device, (int) slot);
        }
    }
}
