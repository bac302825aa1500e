package dev.gantry.core.storage;

import dev.gantry.core.ByteSize;
import dev.gantry.core.ParseException;
import dev.gantry.core.raid.RaidArray;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code vgs --reportformat json --units b --nosuffix} output into volume groups. */
final class VolumeGroupReport {

    static final String EXPECTED = "the JSON of vgs --reportformat json --units b --nosuffix -o"
            + " vg_name,vg_free,vg_extent_size,pv_name: {\"report\": [{\"vg\": [{\"vg_name\": \"vg0\","
            + " \"vg_free\": \"1073741824\", \"vg_extent_size\": \"4194304\", \"pv_name\": \"/dev/md0\"}]}]}";
    static final int MAX_INPUT = 16 * 1024 * 1024;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One volume group with the physical volumes seen in its rows. */
    record Group(String name, long free, long extent, Set<String> pvs) {}

    private VolumeGroupReport() {}

    static List<Group> parse(String text, String source) {
        if (text.length() > MAX_INPUT) {
            throw new ParseException(source, 0, text.substring(0, 80), "longer than " + MAX_INPUT
                    + " characters; expected " + EXPECTED);
        }
        StringBuilder json = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("WARNING:")) {
                json.append(line).append('\n');
            }
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json.toString());
        } catch (JacksonException e) {
            throw new ParseException(source, 0, firstLine(text), "not JSON (" + e.getOriginalMessage()
                    + "); expected " + EXPECTED);
        }
        JsonNode report = root == null ? null : root.get("report");
        if (report == null || !report.isArray()) {
            throw new ParseException(source, 0, firstLine(text), "no \"report\" list; expected " + EXPECTED);
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (JsonNode part : report) {
            JsonNode vgs = part.get("vg");
            if (vgs == null) {
                continue;
            }
            for (JsonNode vg : vgs) {
                add(groups, vg, source);
            }
        }
        return List.copyOf(groups.values());
    }

    static Pool pool(Group g, List<RaidArray> arrays) {
        Pool pool = Pool.of(g.name(), ByteSize.ofBytes(g.free())).withExtent(ByteSize.ofBytes(g.extent()));
        int stripes = 1;
        for (RaidArray a : arrays) {
            if (a.level().equals("raid0") && g.pvs().contains(deviceName(a.name()))) {
                pool = pool.onRaid0();
            }
            boolean lvmStripe = a.level().equals("striped") || a.level().equals("raid0");
            if (lvmStripe && a.name().startsWith(g.name() + "/")) {
                stripes = Math.max(stripes, Math.min(a.members().size(), Pool.MAX_STRIPES));
            }
        }
        return stripes > 1 ? pool.striped(stripes) : pool;
    }

    private static void add(Map<String, Group> groups, JsonNode vg, String source) {
        String name = text(vg, "vg_name", source);
        long free = number(vg, "vg_free", source);
        long extent = number(vg, "vg_extent_size", source);
        Group g = groups.computeIfAbsent(name, n -> new Group(n, free, extent, new LinkedHashSet<>()));
        JsonNode pv = vg.get("pv_name");
        if (pv != null && !pv.asString().isBlank()) {
            g.pvs().add(deviceName(pv.asString().strip()));
        }
    }

    private static String text(JsonNode row, String field, String source) {
        JsonNode v = row.get(field);
        if (v == null || v.asString().isBlank()) {
            throw new ParseException(source, 0, String.valueOf(row), "a volume group row without " + field
                    + "; expected " + EXPECTED);
        }
        return v.asString().strip();
    }

    private static long number(JsonNode row, String field, String source) {
        String value = text(row, field, source);
        String digits = value.endsWith("B") ? value.substring(0, value.length() - 1) : value;
        if (!digits.matches("[0-9]{1,18}")) {
            throw new ParseException(source, 0, String.valueOf(row), field + " is '" + value
                    + "', not a number of bytes (run vgs with --units b --nosuffix); expected " + EXPECTED);
        }
        return Long.parseLong(digits);
    }

    /** {@code /dev/md0}, {@code md0} and {@code /dev/md/md0} all name {@code md0}. */
    private static String deviceName(String device) {
        int slash = device.lastIndexOf('/');
        return slash < 0 ? device : device.substring(slash + 1);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
