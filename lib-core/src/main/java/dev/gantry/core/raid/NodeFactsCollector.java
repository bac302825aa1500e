package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the commands of {@link NodeFacts} on one host and reads their output. Not thread-safe. */
final class NodeFactsCollector {

    static final List<String> MDSTAT = List.of("cat", "/proc/mdstat");
    static final List<String> LSBLK = List.of("lsblk", "-J", "-b", "-O");
    static final List<String> LVS = List.of("env", "LC_ALL=C", "lvs", "--reportformat", "json", "--units", "b",
            "--nosuffix", "-a", "-o", "lv_name,vg_name,segtype,stripes,stripe_size,lv_size,devices,lv_attr");
    static final List<String> MOUNTS = List.of("cat", "/proc/self/mounts");

    private static final Logger log = LoggerFactory.getLogger(NodeFactsCollector.class);
    private static final Pattern MD_NAME = Pattern.compile("md[A-Za-z0-9_]{1,32}");
    private static final Pattern SYSFS_LINE = Pattern.compile("/sys/block/(md[A-Za-z0-9_]{1,32})/md/"
            + "(array_state|chunk_size):(.*)");
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");
    private static final int MAX_BTRFS_MOUNTS = 64;
    private static final int MAX_MD_ARRAYS = 256;

    private final Host host;
    private final HostExecutor executor;
    private final Duration timeout;
    private final List<FactNote> notes = new ArrayList<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();

    NodeFactsCollector(Host host, HostExecutor executor, Duration timeout) {
        this.host = host;
        this.executor = executor;
        this.timeout = timeout;
    }

    NodeFacts collect() {
        List<RaidArray> arrays = new ArrayList<>(run(MDSTAT).map(out -> parse(MDSTAT,
                () -> MdStat.parse(out, "/proc/mdstat on " + host.name()))).orElse(List.of()));
        arrays.addAll(run(LSBLK).map(out -> parse(LSBLK,
                () -> Lsblk.parse(out, "lsblk on " + host.name()))).orElse(List.of()));
        arrays = withSysfs(arrays);
        List<RaidArray> lvm = run(LVS).map(out -> parse(LVS, () -> LvmReport.parse(out, "lvs on " + host.name())))
                .orElse(List.of());
        Set<String> lvmNames = new LinkedHashSet<>();
        lvm.forEach(a -> lvmNames.add(a.name()));
        arrays.removeIf(a -> lvmNames.contains(a.name()));
        arrays.addAll(lvm);
        arrays.addAll(btrfs());
        log.debug("{}: {} arrays, {} notes", host.name(), arrays.size(), notes.size());
        return new NodeFacts(host, arrays, notes, outputs);
    }

    private List<RaidArray> withSysfs(List<RaidArray> arrays) {
        List<String> argv = new ArrayList<>(List.of("grep", "-H", "."));
        Set<String> md = new LinkedHashSet<>();
        arrays.stream().map(RaidArray::name).filter(n -> MD_NAME.matcher(n).matches()).forEach(md::add);
        for (String name : md.stream().limit(MAX_MD_ARRAYS).toList()) {
            argv.add("/sys/block/" + name + "/md/array_state");
            argv.add("/sys/block/" + name + "/md/chunk_size");
        }
        if (argv.size() == 3) {
            return arrays;
        }
        ExecResult result = executor.exec(host, argv, timeout);
        if (result.exit() == 127) {
            note(argv, FactNote.Kind.MISSING, result.stderr());
            return arrays;
        }
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, Long> chunks = new LinkedHashMap<>();
        for (String line : Input.lines(result.stdout())) {
            Matcher m = SYSFS_LINE.matcher(line.strip());
            if (m.matches() && "array_state".equals(m.group(2))) {
                states.put(m.group(1), m.group(3).strip());
            } else if (m.matches() && m.group(3).strip().matches("[0-9]{1,18}")) {
                chunks.put(m.group(1), Long.parseLong(m.group(3).strip()));
            }
        }
        if (!result.ok() && !result.stderr().isBlank()) {
            note(argv, FactNote.Kind.FAILED, firstLine(result.stderr()));
        }
        List<RaidArray> read = new ArrayList<>();
        for (RaidArray array : arrays) {
            RaidArray a = states.containsKey(array.name()) ? array.withState(states.get(array.name())) : array;
            read.add(chunks.getOrDefault(array.name(), 0L) > 0 ? a.withChunkBytes(chunks.get(array.name())) : a);
        }
        return read;
    }

    private List<RaidArray> btrfs() {
        Optional<String> mounts = run(MOUNTS);
        if (mounts.isEmpty()) {
            return List.of();
        }
        List<RaidArray> arrays = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String mountpoint : btrfsMounts(mounts.get())) {
            Optional<String> df = run(List.of("btrfs", "--format", "json", "filesystem", "df", mountpoint), false);
            if (df.isEmpty() && notes.stream().anyMatch(n -> n.kind() == FactNote.Kind.MISSING
                    && n.command().startsWith("btrfs "))) {
                return arrays;
            }
            if (df.isEmpty()) {
                df = run(List.of("btrfs", "filesystem", "df", "-b", mountpoint));
            }
            Optional<String> show = run(List.of("btrfs", "filesystem", "show", "--raw", mountpoint));
            if (df.isPresent()) {
                String dfText = df.get();
                List<RaidArray> found = parse(List.of("btrfs", "filesystem", "df", mountpoint), () ->
                        BtrfsUsage.parse(dfText, show.orElse(""), host.name() + ":" + mountpoint));
                boolean seen = show.isPresent() && !found.isEmpty() && !names.add(found.get(0).name());
                if (!seen) {
                    arrays.addAll(found);
                }
            }
        }
        return arrays;
    }

    /**
     * Returns the mount points of btrfs filesystems in {@code /proc/self/mounts}, unescaped.
     *
     * @return the mount points of btrfs filesystems in {@code /proc/self/mounts}, unescaped
     */
    static List<String> btrfsMounts(String mounts) {
        List<String> found = new ArrayList<>();
        for (String line : Input.lines(mounts)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && "btrfs".equals(fields[2]) && found.size() < MAX_BTRFS_MOUNTS) {
                String mountpoint = unescape(fields[1]);
                if (mountpoint.startsWith("/") && !found.contains(mountpoint)) {
                    found.add(mountpoint);
                }
            }
        }
        return found;
    }

    private static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(sb).toString();
    }

    private Optional<String> run(List<String> argv) {
        return run(argv, true);
    }

    /** Runs a command; its output when it exits 0, else a note (when {@code noteFailure}) and empty. */
    private Optional<String> run(List<String> argv, boolean noteFailure) {
        ExecResult result = executor.exec(host, argv, timeout);
        if (result.ok()) {
            outputs.put(String.join(" ", argv), result.stdout());
            return Optional.of(result.stdout());
        }
        String detail = "exit code " + result.exit() + ": " + firstLine(result.stderr());
        if (isMissing(result)) {
            note(argv, FactNote.Kind.MISSING, detail);
        } else if (noteFailure) {
            note(argv, FactNote.Kind.FAILED, detail);
        }
        return Optional.empty();
    }

    private List<RaidArray> parse(List<String> argv, Supplier<List<RaidArray>> parser) {
        try {
            return parser.get();
        } catch (ParseException e) {
            note(argv, FactNote.Kind.UNREADABLE, e.getMessage());
            return List.of();
        }
    }

    private static boolean isMissing(ExecResult result) {
        String err = result.stderr();
        return result.exit() == 127 || err.contains("command not found") || err.contains("No such file or directory");
    }

    private void note(List<String> argv, FactNote.Kind kind, String detail) {
        log.debug("{}: {} {}: {}", host.name(), String.join(" ", argv), kind, detail);
        notes.add(new FactNote(host.name(), String.join(" ", argv), kind, detail));
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int newline = s.indexOf('\n');
        String line = newline < 0 ? s : s.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
