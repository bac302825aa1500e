package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Splits {@code /proc/mdstat} into array blocks and turns each into a {@link RaidArray}. */
final class MdStatParser {

    private static final Logger log = LoggerFactory.getLogger(MdStatParser.class);

    static final String EXPECTED = "expected /proc/mdstat lines: 'Personalities : [raid0] ...', an array line"
            + " like 'md0 : active raid0 sdb[1] sda[0]', indented status lines under it, whitespace-only"
            + " separators, or 'unused devices: <none>'";

    private static final Pattern HEADER = Pattern.compile("([^\\s:\\[\\]()]+) : (active|inactive)(?:\\s+(.*))?");
    private static final Pattern PERSONALITIES = Pattern.compile("Personalities\\s*:.*");
    private static final Pattern UNUSED = Pattern.compile("unused devices\\s*:.*");

    private final String source;
    private final List<RaidArray> arrays = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private MdStatBlock current;

    MdStatParser(String source) {
        this.source = source;
    }

    List<RaidArray> parse(String text) {
        if (text.isBlank()) {
            throw new ParseException(source, 1, text, "no content; " + EXPECTED);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            readLine(i + 1, line);
        }
        finishBlock();
        return List.copyOf(arrays);
    }

    private void readLine(int number, String line) {
        if (line.isBlank()) {
            finishBlock();
        } else if (Character.isWhitespace(line.charAt(0))) {
            if (current == null) {
                throw new ParseException(source, number, line, "indented line outside an array block (a status"
                        + " line must follow its array line directly, without a blank line); " + EXPECTED);
            }
            current.add(number, line.strip());
        } else if (PERSONALITIES.matcher(line).matches() || UNUSED.matcher(line).matches()) {
            finishBlock();
        } else {
            startBlock(number, line);
        }
    }

    private void startBlock(int number, String line) {
        Matcher header = HEADER.matcher(line.stripTrailing());
        if (!header.matches()) {
            throw new ParseException(source, number, line, "not an mdstat line; " + EXPECTED);
        }
        finishBlock();
        String name = header.group(1);
        if (!names.add(name)) {
            throw new ParseException(source, number, line, "array " + name
                    + " appears twice (expected each array once, as the kernel lists them)");
        }
        current = new MdStatBlock(name, header.group(2), Optional.ofNullable(header.group(3)).orElse(""), number);
    }

    /** The message with control characters replaced and at most 300 characters, safe for one log line. */
    static String printable(String message) {
        String clean = message.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 300 ? clean : clean.substring(0, 300) + "…";
    }

    private void finishBlock() {
        if (current == null) {
            return;
        }
        MdStatBlock block = current;
        current = null;
        try {
            arrays.add(block.toArray());
        } catch (MdStatBlock.Unreadable e) {
            log.warn("{}:{}: array {} kept as level 'unknown': {}", source, e.line(), block.name(),
                    printable(e.getMessage()));
            arrays.add(new RaidArray(block.name(), "unknown", "unknown", List.of(), 0, 0, Optional.empty()));
        }
    }
}
