package dev.gantry.core.raid;

import dev.gantry.core.ByteSize;
import dev.gantry.core.ParseException;
import dev.gantry.core.internal.Node;
import dev.gantry.core.internal.TreeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one LVM JSON report; see {@link LvmReport} for what it returns. Not thread-safe. */
final class LvmReportReader {

    static final String EXPECTED = "the JSON of lvs --reportformat json: {\"report\": [{\"lv\": [{\"lv_name\":"
            + " \"data\", \"vg_name\": \"vg0\", \"segtype\": \"striped\", ...}]}]}";

    private static final Pattern RAID_LEVEL = Pattern.compile("(raid[0-9]+)(_[a-z_]+)?");
    private static final Pattern DEVICE = Pattern.compile("(.+)\\(([0-9]{1,19})\\)");
    private static final Pattern SIZE = Pattern.compile("<?([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]?)");
    private static final String UNKNOWN_PV = "[unknown]";

    /** One segment row. */
    private record Row(String vg, String lv, String level, String stripes, long chunk, long size,
            List<String> devices, String attr) {
        String layout() {
            return level + "/" + stripes + "/" + chunk;
        }
    }

    private final String source;
    private final String text;
    private final String jsonLines;
    private final TreeReader json;

    LvmReportReader(String source, String text) {
        this.source = source;
        this.text = text;
        this.jsonLines = jsonLinesOnly(text);
        this.json = TreeReader.json(source, jsonLines).withUniqueKeys();
    }

    List<RaidArray> read() {
        if (jsonLines.isBlank()) {
            List<String> lines = Input.lines(text);
            int first = 0;
            while (first < lines.size() && lines.get(first).isBlank()) {
                first++;
            }
            throw new ParseException(source, first + 1, lines.get(Math.min(first, lines.size() - 1)),
                    "the output holds only messages, no JSON report; expected " + EXPECTED);
        }
        Node.Mapping root = json.object(json.read(EXPECTED), "the LVM report");
        List<Row> rows = new ArrayList<>();
        for (Node part : json.requiredArray(root, "report", EXPECTED).items()) {
            Optional<Node> lvs = json.object(part, "a report section").get("lv");
            if (lvs.isPresent()) {
                for (Node lv : json.array(lvs.get(), "\"lv\"").items()) {
                    rows.add(row(json.object(lv, "a logical volume")));
                }
            }
        }
        return arrays(rows);
    }

    private List<RaidArray> arrays(List<Row> rows) {
        Map<String, Map<String, List<Row>>> byVolume = new LinkedHashMap<>();
        for (Row row : rows) {
            byVolume.computeIfAbsent(row.vg() + "/" + row.lv(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.layout(), k -> new ArrayList<>()).add(row);
        }
        List<RaidArray> arrays = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Row>>> volume : byVolume.entrySet()) {
            boolean striped = volume.getValue().values().stream().anyMatch(r -> !"linear".equals(r.get(0).level())
                    && !"other".equals(r.get(0).level()));
            if (striped && !isSubVolume(volume.getKey())) {
                for (List<Row> layout : volume.getValue().values()) {
                    arrays.add(array(volume.getKey(), layout, rows));
                }
            }
        }
        return List.copyOf(arrays);
    }

    private RaidArray array(String name, List<Row> layout, List<Row> all) {
        Row first = layout.get(0);
        List<RaidMember> members = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Row row : layout) {
            for (String device : row.devices()) {
                for (String resolved : resolve(first.vg(), device, all)) {
                    if (seen.putIfAbsent(resolved, Boolean.TRUE) == null) {
                        MemberRole role = UNKNOWN_PV.equals(resolved) ? MemberRole.FAULTY : MemberRole.ACTIVE;
                        String shown = UNKNOWN_PV.equals(resolved) ? UNKNOWN_PV + "-" + members.size() : resolved;
                        members.add(new RaidMember(shown, members.size(), 0, role));
                    }
                }
            }
        }
        boolean partial = members.stream().anyMatch(RaidMember::faulty) || first.attr().length() > 8
                && first.attr().charAt(8) == 'p';
        String state = partial ? "partial" : first.attr().length() > 4
                ? first.attr().charAt(4) == 'a' ? "active" : "inactive" : "unknown";
        return new RaidArray(name, first.level(), state, members, first.chunk(), first.size(), Optional.empty());
    }

    /** The physical devices behind one entry of {@code devices}: itself, or a sub-volume's devices. */
    private static List<String> resolve(String vg, String device, List<Row> all) {
        if (device.startsWith("/") || UNKNOWN_PV.equals(device)) {
            return List.of(device);
        }
        List<String> found = all.stream().filter(r -> r.vg().equals(vg) && r.lv().equals(device))
                .flatMap(r -> r.devices().stream()).filter(d -> d.startsWith("/") || UNKNOWN_PV.equals(d)).toList();
        return found.isEmpty() ? List.of(vg + "/" + device) : found;
    }

    private static boolean isSubVolume(String name) {
        return name.matches(".*_(rimage|rmeta|mimage|mlog)_[0-9]+$") || name.endsWith("_mlog");
    }

    private Row row(Node.Mapping lv) {
        String name = required(lv, "lv_name");
        String vg = required(lv, "vg_name");
        String segtype = json.string(lv, "segtype").orElse("").strip();
        String level = level(segtype);
        String stripes = json.string(lv, "stripes").orElse("").strip();
        long chunk = size(lv, "stripe_size");
        long size = size(lv, "lv_size");
        List<String> devices = devices(lv);
        String attr = json.string(lv, "lv_attr").orElse("");
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        return new Row(vg, bare, level, stripes, chunk, size, devices, attr);
    }

    private static String level(String segtype) {
        if ("striped".equals(segtype) || "linear".equals(segtype) || "mirror".equals(segtype)) {
            return segtype;
        }
        Matcher m = RAID_LEVEL.matcher(segtype);
        return m.matches() ? m.group(1) : "other";
    }

    private String required(Node.Mapping lv, String key) {
        String value = json.string(lv, key).orElse("").strip();
        if (value.isEmpty()) {
            throw json.error(json.lineOf(lv, key), "a logical volume has no \"" + key + "\"; expected lvs -o"
                    + " lv_name,vg_name,segtype,stripes,stripe_size,lv_size,devices");
        }
        return value;
    }

    private List<String> devices(Node.Mapping lv) {
        String text = json.string(lv, "devices").orElse("").strip();
        List<String> devices = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            Matcher m = DEVICE.matcher(item.strip());
            if (!m.matches()) {
                throw json.error(json.lineOf(lv, "devices"), "device " + Input.quote(item) + " is not a device with"
                        + " its first extent; expected a list like /dev/sdb(0),/dev/sdc(0)");
            }
            String device = m.group(1);
            devices.add(device.startsWith("[") && !UNKNOWN_PV.equals(device)
                    ? device.substring(1, device.length() - 1) : device);
        }
        return devices;
    }

    private long size(Node.Mapping lv, String key) {
        String text = json.string(lv, key).orElse("").strip();
        if (text.isEmpty()) {
            return 0;
        }
        String bare = text.endsWith("B") || text.endsWith("b") ? text.substring(0, text.length() - 1) : text;
        Matcher m = SIZE.matcher(bare);
        if (!m.matches()) {
            throw sizeError(lv, key, text, null);
        }
        try {
            return ByteSize.parse(m.group(1) + m.group(2)).bytes();
        } catch (ParseException e) {
            throw sizeError(lv, key, text, e);
        }
    }

    private ParseException sizeError(Node.Mapping lv, String key, String text, Throwable cause) {
        return json.error(json.lineOf(lv, key), "\"" + key + "\" is " + Input.quote(text) + "; expected a"
                + " number of bytes such as \"65536\" (run lvs with --units b --nosuffix)", cause);
    }

    /** Blanks every line that cannot be part of the JSON document, keeping line numbers. */
    static String jsonLinesOnly(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : Input.lines(text)) {
            String s = line.stripLeading();
            boolean json = !s.isEmpty() && "{}[]\"".indexOf(s.charAt(0)) >= 0;
            kept.append(json ? line : "").append('\n');
        }
        return kept.toString();
    }
}
