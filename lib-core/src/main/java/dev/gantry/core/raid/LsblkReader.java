package dev.gantry.core.raid;

import dev.gantry.core.internal.Node;
import dev.gantry.core.internal.TreeReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one lsblk JSON document; see {@link Lsblk} for what it returns. Not thread-safe. */
final class LsblkReader {

    static final String EXPECTED = "the JSON of lsblk -J -b -O: {\"blockdevices\": [{\"name\": \"sda\","
            + " \"type\": \"disk\", \"size\": 1000204886016, ...}]}";

    private static final Set<String> MD_TYPES =
            Set.of("raid0", "raid1", "raid4", "raid5", "raid6", "raid10", "linear", "md");
    private static final Set<String> STRIPING = Set.of("raid0", "raid4", "raid5", "raid6", "raid10");
    private static final Set<String> NO_SPARES = Set.of("raid0", "linear", "striped");
    private static final Set<String> WHOLE_DEVICES = Set.of("disk", "loop", "rom");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern MD_PARTITION = Pattern.compile("(md.*?)p[0-9]{1,5}");
    private static final Pattern RIMAGE = Pattern.compile(".*_rimage_[0-9]+$");
    private static final Pattern RMETA = Pattern.compile(".*_rmeta_[0-9]+$");

    /** One appearance of a device in the tree. */
    private record Dev(Node.Mapping obj, Dev parent, List<Dev> children, int depth) {}

    /** An array being gathered from all its appearances. */
    private record Gathered(Dev first, Map<String, Dev> members) {}

    private final TreeReader json;

    LsblkReader(String source, String text) {
        this.json = TreeReader.json(source, text).withUniqueKeys();
    }

    List<RaidArray> read() {
        Node.Mapping root = json.object(json.read(EXPECTED), "the lsblk output");
        Node.Sequence devices = json.requiredArray(root, "blockdevices", EXPECTED);
        List<Dev> all = new ArrayList<>();
        for (Node value : devices.items()) {
            walk(value, null, 0, all);
        }
        boolean inverted = all.stream().anyMatch(d -> d.depth() > 0 && WHOLE_DEVICES.contains(type(d)));
        Set<String> mdNames = new HashSet<>();
        all.stream().filter(d -> MD_TYPES.contains(type(d))).forEach(d -> mdNames.add(kname(d)));
        Map<String, Gathered> arrays = new LinkedHashMap<>();
        for (Dev dev : all) {
            String type = type(dev);
            if (MD_TYPES.contains(type) && !isMdPartition(dev, inverted, mdNames)
                    || "lvm".equals(type) && !isSubVolume(dev)) {
                Gathered gathered = arrays.computeIfAbsent(kname(dev), k -> new Gathered(dev, new LinkedHashMap<>()));
                for (Dev member : members(dev, inverted)) {
                    gathered.members().putIfAbsent(kname(member), member);
                }
            }
        }
        List<RaidArray> result = new ArrayList<>();
        for (Gathered gathered : arrays.values()) {
            toArray(gathered).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    private void walk(Node value, Dev parent, int depth, List<Dev> all) {
        Node.Mapping obj = json.object(value, "a block device");
        Dev dev = new Dev(obj, parent, new ArrayList<>(), depth);
        if (parent != null) {
            parent.children().add(dev);
        }
        all.add(dev);
        kname(dev);
        Optional<Node> children = obj.get("children");
        if (children.isPresent() && !(children.get() instanceof Node.Empty)) {
            for (Node child : json.array(children.get(), "\"children\"").items()) {
                walk(child, dev, depth + 1, all);
            }
        }
    }

    private List<Dev> members(Dev dev, boolean inverted) {
        List<Dev> direct = inverted ? dev.children() : dev.parent() == null ? List.of() : List.of(dev.parent());
        List<Dev> members = new ArrayList<>();
        for (Dev candidate : direct) {
            String name = name(candidate);
            if (RMETA.matcher(name).matches()) {
                continue;
            }
            if ("lvm".equals(type(candidate)) && RIMAGE.matcher(name).matches()) {
                members.addAll(members(candidate, inverted));
            } else {
                members.add(candidate);
            }
        }
        return members;
    }

    private Optional<RaidArray> toArray(Gathered gathered) {
        Dev dev = gathered.first();
        String type = type(dev);
        long minIo = bytes(dev, "min-io");
        long optIo = bytes(dev, "opt-io");
        List<Dev> devs = List.copyOf(gathered.members().values());
        if ("lvm".equals(type) && !isStripe(devs, minIo, optIo)) {
            return Optional.empty();
        }
        String level = "lvm".equals(type) ? "striped" : "md".equals(type) ? "unknown" : type;
        String name = "lvm".equals(type) ? lvmName(name(dev)) : kname(dev);
        MemberRole role = NO_SPARES.contains(level) ? MemberRole.ACTIVE : MemberRole.UNKNOWN;
        List<RaidMember> members = devs.stream()
                .map(m -> new RaidMember(stableName(m), -1, bytes(m, "size"), role))
                .toList();
        long chunk = "striped".equals(level) || STRIPING.contains(level) ? minIo : 0;
        return Optional.of(new RaidArray(name, level, "unknown", members, chunk, bytes(dev, "size"),
                Optional.empty()));
    }

    private boolean isStripe(List<Dev> members, long minIo, long optIo) {
        if (members.size() < 2 || minIo <= 0 || optIo != minIo * members.size()) {
            return false;
        }
        return members.stream().allMatch(m -> bytes(m, "min-io") < minIo);
    }

    /**
     * Whether a device typed {@code md} is a partition of an array ({@code md0p1}), which lsblk
     * before util-linux 2.33 types {@code md} like an array without level: its name is the array's
     * plus {@code p<N>} and that array is its parent ({@code pkname}; else the tree; else, in a flat
     * list, an md device of that name). An inactive array without level has no md parent and stays.
     */
    private boolean isMdPartition(Dev dev, boolean inverted, Set<String> mdNames) {
        Matcher partition = MD_PARTITION.matcher(kname(dev));
        if (!"md".equals(type(dev)) || !partition.matches()) {
            return false;
        }
        String array = partition.group(1);
        Optional<String> pkname = json.string(dev.obj(), "pkname").filter(s -> !s.isBlank());
        if (pkname.isPresent()) {
            return pkname.get().equals(array) && mdNames.contains(array);
        }
        List<Dev> parents = inverted ? dev.children() : dev.parent() == null ? List.of() : List.of(dev.parent());
        if (parents.isEmpty()) {
            return mdNames.contains(array);
        }
        return parents.stream().anyMatch(p -> kname(p).equals(array) && MD_TYPES.contains(type(p)));
    }

    private boolean isSubVolume(Dev dev) {
        String name = name(dev);
        return RIMAGE.matcher(name).matches() || RMETA.matcher(name).matches();
    }

    private String stableName(Dev dev) {
        Optional<String> idLink = json.string(dev.obj(), "id-link").filter(s -> !s.isBlank());
        if (idLink.isPresent()) {
            return "/dev/disk/by-id/" + idLink.get();
        }
        Optional<String> wwn = json.string(dev.obj(), "wwn").filter(s -> !s.isBlank());
        if (wwn.isPresent() && "disk".equals(type(dev))) {
            return "/dev/disk/by-id/wwn-" + wwn.get();
        }
        return json.string(dev.obj(), "path").filter(p -> p.startsWith("/dev/")).orElse("/dev/" + kname(dev));
    }

    /** Turns a device-mapper name such as {@code my--vg-data} into {@code my-vg/data}. */
    static String lvmName(String mapperName) {
        StringBuilder vg = new StringBuilder();
        for (int i = 0; i < mapperName.length(); i++) {
            char c = mapperName.charAt(i);
            if (c == '-' && i + 1 < mapperName.length() && mapperName.charAt(i + 1) == '-') {
                vg.append('-');
                i++;
            } else if (c == '-') {
                return vg + "/" + mapperName.substring(i + 1).replace("--", "-");
            } else {
                vg.append(c);
            }
        }
        return vg.toString();
    }

    private String type(Dev dev) {
        return json.string(dev.obj(), "type").orElse("");
    }

    private String name(Dev dev) {
        return json.string(dev.obj(), "name").orElseGet(() -> kname(dev));
    }

    private String kname(Dev dev) {
        Optional<String> kname = json.string(dev.obj(), "kname").or(() -> json.string(dev.obj(), "name"))
                .filter(s -> !s.isBlank());
        return kname.orElseThrow(() -> json.error(dev.obj().line(), "a block device has neither \"kname\" nor"
                + " \"name\"; expected lsblk -O, or -o with NAME,KNAME"));
    }

    private long bytes(Dev dev, String key) {
        Optional<String> text = json.string(dev.obj(), key);
        if (text.isEmpty()) {
            return 0;
        }
        if (!DIGITS.matcher(text.get()).matches() || text.get().length() == 19 && text.get().compareTo(
                String.valueOf(Long.MAX_VALUE)) > 0) {
            throw json.error(json.lineOf(dev.obj(), key), "\"" + key + "\" of " + Input.quote(kname(dev)) + " is "
                    + Input.quote(text.get()) + "; expected a number of bytes (run lsblk with -b)");
        }
        return Long.parseLong(text.get());
    }
}
