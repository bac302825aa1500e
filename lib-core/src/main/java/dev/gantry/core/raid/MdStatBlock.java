package dev.gantry.core.raid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One array of {@code /proc/mdstat}: its array line and the indented lines under it. */
final class MdStatBlock {

    /** The block cannot be read; the file as a whole still can. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        Unreadable(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private static final Set<String> REDUNDANT = Set.of("raid1", "raid4", "raid5", "raid6", "raid10", "multipath");
    /** The raid5.c personalities, whose growing reshape can print fewer {@code U}s than {@code m}. */
    private static final Set<String> RESHAPING = Set.of("raid4", "raid5", "raid6");
    private static final Set<String> CHUNKED = Set.of("raid0", "raid4", "raid5", "raid6", "raid10");
    private static final Pattern LEVEL = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern MEMBER = Pattern.compile("([^\\s\\[\\]()]+)\\[(\\d{1,9})\\]((?:\\([A-Z]\\))*)");
    private static final Pattern FLAGS = Pattern.compile("(\\(W\\))?(\\(J\\))?(\\(F\\)|(\\(S\\))?(\\(R\\))?)");
    private static final Pattern STATUS = Pattern.compile("(\\d+) blocks(?:\\s+super\\s+(\\S+))?(.*)");
    private static final Pattern CHUNK = Pattern.compile("(?:^|[\\s,])(\\d+)[kK] chunks?(?:,|\\s|$)");
    private static final Pattern ROUNDING = Pattern.compile("(?:^|\\s)(\\d+)k rounding(?:\\s|$)");
    private static final Pattern SLOTS = Pattern.compile("\\[(\\d{1,9})/(\\d{1,9})\\] \\[([U_]+)\\]");
    private static final Pattern PROGRESS = Pattern.compile(
            "\\[[=>.]*\\]\\s*(resync|recovery|check|repair|reshape)\\s*=\\s*(\\d{1,3}(?:\\.\\d+)?)%\\s*"
                    + "\\((\\d+)/(\\d+)\\).*");
    private static final Pattern WAITING =
            Pattern.compile("(resync|recover|recovery|reshape|check|repair)\\s*=\\s*(DELAYED|PENDING|REMOTE)");
    private static final Pattern BITMAP = Pattern.compile("bitmap:.*");

    private record Line(int number, String text) {}

    private record Parsed(RaidMember member, int descriptor) {}

    private final String name;
    private final String activity;
    private final String rest;
    private final int headerLine;
    private final List<Line> lines = new ArrayList<>();

    MdStatBlock(String name, String activity, String rest, int headerLine) {
        this.name = name;
        this.activity = activity;
        this.rest = rest;
        this.headerLine = headerLine;
    }

    String name() {
        return name;
    }

    void add(int number, String text) {
        lines.add(new Line(number, text));
    }

    RaidArray toArray() throws Unreadable {
        try {
            return read();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Unreadable(headerLine, "a number out of range: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Unreadable(headerLine, e.getMessage());
        }
    }

    private RaidArray read() throws Unreadable {
        List<String> tokens = rest.isBlank() ? List.of() : List.of(rest.strip().split("\\s+"));
        int t = 0;
        String state = activity;
        if (t < tokens.size() && tokens.get(t).matches("\\((auto-)?read-only\\)")) {
            if (!"active".equals(activity)) {
                throw new Unreadable(headerLine, "only an active array can be " + tokens.get(t));
            }
            state = tokens.get(t).substring(1, tokens.get(t).length() - 1);
            t++;
        }
        String level = "unknown";
        if (t < tokens.size() && tokens.get(t).indexOf('[') < 0) {
            level = tokens.get(t++);
            if (!LEVEL.matcher(level).matches()) {
                throw new Unreadable(headerLine, "personality '" + level + "' is not a name like raid0");
            }
        }
        List<Parsed> members = new ArrayList<>();
        for (String token : tokens.subList(t, tokens.size())) {
            members.add(member(token));
        }
        if (lines.isEmpty()) {
            if ("inactive".equals(activity)) {
                return new RaidArray(name, level, state, plain(members), 0, 0, Optional.empty());
            }
            throw new Unreadable(headerLine, "no status line ('<n> blocks ...') under an active array");
        }
        return withStatus(level, state, members);
    }

    private RaidArray withStatus(String level, String state, List<Parsed> members) throws Unreadable {
        Line status = lines.get(0);
        Matcher m = STATUS.matcher(status.text());
        if (!m.matches()) {
            throw new Unreadable(status.number(), "expected '<n> blocks ...' but found '" + status.text() + "'");
        }
        long sizeBytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1024L);
        String personalityStatus = m.group(3);
        boolean active = !"inactive".equals(state);
        long chunkBytes = chunk(level, personalityStatus, active, status.number());
        List<RaidMember> roles = plain(members);
        if (REDUNDANT.contains(level) && active) {
            Matcher slots = SLOTS.matcher(personalityStatus);
            if (!slots.find()) {
                throw new Unreadable(status.number(), level + " status needs '[n/m] [U_]' but found '"
                        + personalityStatus.strip() + "'");
            }
            roles = withSlots(level, members, slots, status.number());
        }
        Optional<SyncProgress> sync = sync();
        return new RaidArray(name, level, state, roles, chunkBytes, sizeBytes, sync);
    }

    private static long chunk(String level, String status, boolean active, int line) throws Unreadable {
        Matcher chunk = CHUNK.matcher(status);
        if (CHUNKED.contains(level)) {
            if (chunk.find()) {
                return Math.multiplyExact(Long.parseLong(chunk.group(1)), 1024L);
            }
            if (active) {
                throw new Unreadable(line, level + " status needs a chunk size like '512k chunks' but found '"
                        + status.strip() + "'");
            }
        }
        if ("linear".equals(level) && active && !ROUNDING.matcher(status).find()) {
            throw new Unreadable(line, "linear status needs '<n>k rounding' but found '" + status.strip() + "'");
        }
        return 0;
    }

    private Parsed member(String token) throws Unreadable {
        Matcher m = MEMBER.matcher(token);
        if (!m.matches()) {
            throw new Unreadable(headerLine, "member '" + token + "' is not like sdb1[2] or sdb1[2](F)");
        }
        Matcher flags = FLAGS.matcher(m.group(3));
        if (!flags.matches()) {
            throw new Unreadable(headerLine, "member '" + token + "' has unknown flags or flags out of the"
                    + " kernel's order (W)(J) then (F) or (S)(R)");
        }
        MemberRole role;
        if (flags.group(3) != null && flags.group(3).equals("(F)")) {
            role = MemberRole.FAULTY;
        } else if (flags.group(2) != null) {
            role = MemberRole.JOURNAL;
        } else if (flags.group(4) != null) {
            role = MemberRole.SPARE;
        } else if (flags.group(5) != null) {
            role = MemberRole.REBUILDING;
        } else {
            role = MemberRole.ACTIVE;
        }
        return new Parsed(new RaidMember(m.group(1), -1, 0, role), Integer.parseInt(m.group(2)));
    }

    private static List<RaidMember> plain(List<Parsed> members) {
        return members.stream().map(Parsed::member).toList();
    }

    /**
     * Applies {@code [n/m] [U_]}: of the unflagged members, the surplus over the {@code U}s rebuild
     * (the highest descriptor numbers); the remaining down slots are missing, so that active +
     * rebuilding + missing is always {@code n}. Faulty members are listed but hold no slot. Fewer
     * {@code U}s than {@code m} is valid for raid4/5/6 only: in a growing reshape the kernel does not
     * count a device not yet in sync in the new layout as degraded (raid5.c raid5_calc_degraded).
     */
    private static List<RaidMember> withSlots(String level, List<Parsed> members, Matcher slots, int line)
            throws Unreadable {
        int raidDisks = Integer.parseInt(slots.group(1));
        int inSync = Integer.parseInt(slots.group(2));
        String map = slots.group(3);
        List<Parsed> unflagged = members.stream().filter(p -> p.member().role() == MemberRole.ACTIVE)
                .sorted(Comparator.comparingInt(Parsed::descriptor).reversed()).toList();
        int up = (int) map.chars().filter(c -> c == 'U').count();
        boolean reshapeGap = up < inSync && RESHAPING.contains(level);
        if (map.length() != raidDisks || inSync > raidDisks || up > inSync || up < inSync && !reshapeGap) {
            throw new Unreadable(line, "'[" + raidDisks + "/" + inSync + "] [" + map + "]' does not add up");
        }
        if (unflagged.size() < up || unflagged.size() > raidDisks) {
            throw new Unreadable(line, unflagged.size() + " members without (F), (S), (J) or (R) do not fit '["
                    + raidDisks + "/" + inSync + "] [" + map + "]'");
        }
        int surplus = unflagged.size() - up;
        List<RaidMember> rebuilding = unflagged.subList(0, surplus).stream().map(Parsed::member).toList();
        List<RaidMember> out = new ArrayList<>();
        for (Parsed p : members) {
            boolean rebuilds = rebuilding.stream().anyMatch(r -> r == p.member());
            out.add(rebuilds ? p.member().withRole(MemberRole.REBUILDING) : p.member());
        }
        int missing = raidDisks - up - surplus;
        List<Integer> holes = new ArrayList<>();
        for (int i = 0; i < map.length(); i++) {
            if (map.charAt(i) == '_') {
                holes.add(i);
            }
        }
        for (int i = 0; i < missing; i++) {
            out.add(RaidMember.missingSlot(surplus == 0 ? holes.get(i) : -1));
        }
        return out;
    }

    private Optional<SyncProgress> sync() throws Unreadable {
        Optional<SyncProgress> sync = Optional.empty();
        for (Line line : lines.subList(1, lines.size())) {
            if (BITMAP.matcher(line.text()).matches()) {
                continue;
            }
            Optional<SyncProgress> found = syncLine(line.text());
            if (found.isEmpty()) {
                throw new Unreadable(line.number(), "expected a progress line like '[=>....]  recovery =  8.5%"
                        + " (16775552/195310144) ...', 'resync=DELAYED' or 'bitmap: ...' but found '"
                        + line.text() + "'");
            }
            if (sync.isPresent()) {
                throw new Unreadable(line.number(), "a second sync line '" + line.text() + "'");
            }
            sync = found;
        }
        return sync;
    }

    private static Optional<SyncProgress> syncLine(String text) {
        Matcher progress = PROGRESS.matcher(text);
        if (progress.matches()) {
            return Optional.of(SyncProgress.running(progress.group(1), Double.parseDouble(progress.group(2))));
        }
        Matcher waiting = WAITING.matcher(text);
        if (waiting.matches()) {
            String action = "recover".equals(waiting.group(1)) ? "recovery" : waiting.group(1);
            return Optional.of(new SyncProgress(action, waiting.group(2), -1));
        }
        return Optional.empty();
    }
}
