package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.List;

/** The non-blank lines of mdadm output with their numbers, and shared number parsing. */
final class MdadmLines {

    /** More devices than md supports (1.x superblocks hold at most 1920) means garbage. */
    static final int MAX_DEVICES = 4096;

    record Line(int number, String text) {}

    private final String source;
    private final List<Line> lines = new ArrayList<>();

    MdadmLines(String text, String source) {
        this.source = source;
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (!line.isBlank()) {
                lines.add(new Line(i + 1, line));
            }
        }
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    Line first() {
        return lines.get(0);
    }

    List<Line> all() {
        return lines;
    }

    String source() {
        return source;
    }

    ParseException error(Line line, String problem) {
        return new ParseException(source, line.number(), line.text(), problem);
    }

    long number(Line line, String text, long max, String what) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw error(line, what + " '" + text + "' is not a whole number from 0 to " + max);
    }

    /** Members for the slots below {@code raidDisks} that none of {@code members} holds. */
    static List<RaidMember> withMissingSlots(List<RaidMember> members, int raidDisks) {
        List<RaidMember> all = new ArrayList<>(members);
        for (int slot = 0; slot < raidDisks; slot++) {
            int s = slot;
            if (members.stream().noneMatch(m -> m.index() == s)) {
                all.add(RaidMember.missingSlot(slot));
            }
        }
        return all;
    }
}
