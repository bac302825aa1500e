package dev.gantry.core.raid;

import dev.gantry.core.ByteSize;
import dev.gantry.core.ParseException;
import dev.gantry.core.internal.Node;
import dev.gantry.core.internal.TreeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads btrfs {@code filesystem df} and {@code filesystem show} output; see {@link BtrfsUsage}. */
final class BtrfsReader {

    static final String DF_EXPECTED = "btrfs filesystem df -b output such as \"Data, RAID0: total=134217728,"
            + " used=33554432\", or the JSON of btrfs --format json filesystem df";
    static final String SHOW_EXPECTED = "btrfs filesystem show <mountpoint> output: \"Label: none  uuid: <uuid>\","
            + " \"Total devices 2 FS bytes used ...\", \"devid 1 size ... used ... path /dev/...\"";
    /** btrfs stripes RAID0/10/5/6 block groups in units of BTRFS_STRIPE_LEN, 64 KiB. */
    static final long STRIPE_LEN = 64 * 1024;

    private static final Pattern DF_LINE = Pattern.compile(
            "([A-Za-z]+(?:\\+[A-Za-z]+)?), ([A-Za-z0-9]+): total=([^,\\s]+), used=([^,\\s]+)");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");
    private static final Pattern LABEL = Pattern.compile("Label: .*uuid: ([0-9a-fA-F-]{36})");
    private static final Pattern TOTAL = Pattern.compile("Total devices ([0-9]{1,4}) FS bytes used .*");
    private static final Pattern DEVID = Pattern.compile(
            "devid +([0-9]{1,19}) size (\\S+) used (\\S+) path (.+?)( MISSING)?");
    /** The version line {@code btrfs filesystem show} ends with: {@code Btrfs v3.12+20131125}, {@code btrfs-progs v4.4}. */
    private static final Pattern VERSION = Pattern.compile("(?:Btrfs|btrfs-progs) v[0-9][0-9A-Za-z.+~_-]{0,63}");
    private static final Set<String> STRIPED = Set.of("raid0", "raid10", "raid5", "raid6");
    private static final Set<String> DATA = Set.of("Data", "Data+Metadata");

    /** One line of {@code filesystem df}. */
    private record Profile(String type, String profile, long total) {}

    /** What {@code filesystem show} says about one filesystem. */
    private record Show(String uuid, List<RaidMember> members) {}

    private final String dfSource;
    private final String showSource;

    BtrfsReader(String dfSource, String showSource) {
        this.dfSource = Objects.requireNonNull(dfSource, "sourceName");
        this.showSource = showSource;
    }

    List<RaidArray> read(String df, String show) {
        Input.require(df, dfSource, DF_EXPECTED);
        Objects.requireNonNull(show, "show");
        List<Profile> profiles = df.strip().startsWith("{") ? json(df) : text(df);
        List<Profile> data = profiles.stream().filter(p -> DATA.contains(p.type())).toList();
        if (data.isEmpty()) {
            throw new ParseException(dfSource, 1, Input.lineAt(df, 1), "no Data profile; expected " + DF_EXPECTED);
        }
        Optional<Show> members = show.isBlank() ? Optional.empty()
                : Optional.of(show(Input.require(show, showSource, SHOW_EXPECTED)));
        String name = members.map(s -> "btrfs:" + s.uuid() + ":data").orElse("btrfs:data");
        List<RaidMember> devices = members.map(Show::members).orElse(List.of());
        String state = devices.stream().anyMatch(RaidMember::faulty) ? "degraded" : "active";
        return data.stream().map(p -> new RaidArray(name, p.profile(), state, devices,
                STRIPED.contains(p.profile()) ? STRIPE_LEN : 0, p.total(), Optional.empty())).toList();
    }

    private List<Profile> text(String df) {
        List<Profile> profiles = new ArrayList<>();
        List<String> lines = Input.lines(df);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = DF_LINE.matcher(line);
            if (!m.matches()) {
                throw new ParseException(dfSource, i + 1, lines.get(i), "not a btrfs filesystem df line; expected "
                        + DF_EXPECTED);
            }
            profiles.add(new Profile(m.group(1), m.group(2).toLowerCase(Locale.ROOT),
                    size(m.group(3), dfSource, i + 1, lines.get(i))));
        }
        return profiles;
    }

    private List<Profile> json(String df) {
        TreeReader json = TreeReader.json(dfSource, df).withUniqueKeys();
        Node.Mapping root = json.object(json.read(DF_EXPECTED), "the btrfs filesystem df output");
        List<Profile> profiles = new ArrayList<>();
        for (Node value : json.requiredArray(root, "filesystem-df", DF_EXPECTED).items()) {
            Node.Mapping group = json.object(value, "a block group");
            String type = json.string(group, "bg-type").orElse("");
            String profile = json.string(group, "bg-profile").orElse("");
            if (type.isEmpty() || !PROFILE.matcher(profile).matches()) {
                throw json.error(group.line(), "a block group without a \"bg-type\" and a \"bg-profile\" such as"
                        + " \"RAID0\"; expected " + DF_EXPECTED);
            }
            int line = json.lineOf(group, "total");
            String total = json.string(group, "total").orElse("0");
            profiles.add(new Profile(type, profile.toLowerCase(Locale.ROOT),
                    size(total, dfSource, line, Input.lineAt(df, line))));
        }
        return profiles;
    }

    private Show show(String show) {
        String uuid = null;
        int total = -1;
        List<RaidMember> members = new ArrayList<>();
        List<String> lines = Input.lines(show);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher label = LABEL.matcher(line);
            Matcher devices = TOTAL.matcher(line);
            Matcher devid = DEVID.matcher(line);
            if (label.matches()) {
                if (uuid != null) {
                    throw new ParseException(showSource, i + 1, lines.get(i), "a second filesystem; expected the"
                            + " output for one filesystem (run btrfs filesystem show <mountpoint>)");
                }
                uuid = label.group(1).toLowerCase(Locale.ROOT);
            } else if (devices.matches()) {
                total = Integer.parseInt(devices.group(1));
            } else if (devid.matches()) {
                members.add(member(devid, members.size(), i + 1, lines.get(i)));
            } else if (!line.isEmpty() && !line.startsWith("***") && !line.startsWith("WARNING:")
                    && !VERSION.matcher(line).matches()) {
                throw new ParseException(showSource, i + 1, lines.get(i), "not a btrfs filesystem show line;"
                        + " expected " + SHOW_EXPECTED);
            }
        }
        if (uuid == null) {
            throw new ParseException(showSource, 1, Input.lineAt(show, 1), "no \"Label: ... uuid: ...\" line;"
                    + " expected " + SHOW_EXPECTED);
        }
        while (members.size() < total) {
            members.add(new RaidMember("missing-device-" + members.size(), members.size(), 0, MemberRole.FAULTY));
        }
        return new Show(uuid, List.copyOf(members));
    }

    private RaidMember member(Matcher devid, int index, int line, String text) {
        String path = devid.group(4).strip();
        boolean missing = devid.group(5) != null || path.startsWith("<missing");
        long size = size(devid.group(2), showSource, line, text);
        return missing ? new RaidMember("missing-devid-" + devid.group(1), index, size, MemberRole.FAULTY)
                : new RaidMember(path, index, size, MemberRole.ACTIVE);
    }

    private static long size(String text, String source, int line, String lineText) {
        try {
            return ByteSize.parse(text).bytes();
        } catch (ParseException e) {
            throw new ParseException(source, line, lineText, "size " + Input.quote(text) + " is not a number of"
                    + " bytes or a size such as 128.00MiB", e);
        }
    }
}
