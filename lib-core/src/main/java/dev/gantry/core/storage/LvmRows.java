package dev.gantry.core.storage;

import dev.gantry.core.ParseException;
import dev.gantry.core.internal.Node;
import dev.gantry.core.internal.TreeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the rows of one section ({@code pv}, {@code vg} or {@code lv}) of an LVM JSON report, as
 * {@code pvs}, {@code vgs} and {@code lvs --reportformat json --units b --nosuffix} print it: every
 * value a string, an empty string meaning "not set" (read as absent), and {@code WARNING:} or other
 * message lines on standard output before, after or inside the document (skipped: every line of
 * LVM's JSON starts with one of <code>{ } [ ] "</code>). Stateless.
 */
final class LvmRows {

    /** The largest report read, in characters: far above any real node's. */
    static final int MAX_CHARS = 16 * 1024 * 1024;
    private static final int MAX_NUMBER_DIGITS = 18;

    /** One row: the fields LVM printed, empty values left out. */
    record Row(Map<String, String> fields, int line) {

        Row {
            fields = Map.copyOf(fields);
        }

        Optional<String> text(String key) {
            return Optional.ofNullable(fields.get(key));
        }
    }

    private final String source;
    private final String text;
    private final TreeReader json;

    private LvmRows(String source, String text) {
        this.source = source;
        this.text = text;
        this.json = TreeReader.json(source, jsonLinesOnly(text)).withUniqueKeys().withMaxDepth(8);
    }

    /**
     * Reads the rows of {@code section}.
     *
     * @param text the command's standard output
     * @param section {@code pv}, {@code vg} or {@code lv}
     * @param source the command and host, for messages
     * @throws ParseException when the output is empty, too large, holds no report or a row is not flat
     */
    static List<Row> parse(String text, String section, String source) {
        Objects.requireNonNull(text, "text");
        String expected = expected(section);
        if (text.length() > MAX_CHARS) {
            throw new ParseException(source, 1, firstLine(text), "the output has " + text.length()
                    + " characters, more than the " + MAX_CHARS + " read; expected " + expected);
        }
        return new LvmRows(source, text).read(section, expected);
    }

    /**
     * Reads a size in bytes, as printed with {@code --units b --nosuffix} (a trailing {@code B} is
     * accepted too).
     *
     * @throws ParseException when the field is absent or not a whole number of bytes
     */
    static long bytes(Row row, String key, String source) {
        String value = row.text(key).orElseThrow(() -> new ParseException(source, row.line(), String.valueOf(
                row.fields()), "a row without \"" + key + "\"; run the report with -o " + key));
        String digits = value.endsWith("B") ? value.substring(0, value.length() - 1) : value;
        if (digits.isEmpty() || digits.length() > MAX_NUMBER_DIGITS || !digits.chars().allMatch(Character::isDigit)) {
            throw new ParseException(source, row.line(), value, "\"" + key + "\" is not a number of bytes; run"
                    + " the report with --units b --nosuffix (e.g. \"4194304\")");
        }
        return Long.parseLong(digits);
    }

    private List<Row> read(String section, String expected) {
        if (text.isBlank()) {
            throw new ParseException(source, 0, "", "the output is empty; expected " + expected);
        }
        Node root = json.read(expected);
        Node.Mapping report = json.object(root, "the LVM report");
        List<Row> rows = new ArrayList<>();
        for (Node part : json.requiredArray(report, "report", expected).items()) {
            Optional<Node> list = json.object(part, "a report section").get(section);
            if (list.isPresent()) {
                for (Node item : json.array(list.get(), "\"" + section + "\"").items()) {
                    rows.add(row(json.object(item, "a \"" + section + "\" row")));
                }
            }
        }
        return List.copyOf(rows);
    }

    private Row row(Node.Mapping map) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node.Entry entry : map.entries()) {
            json.string(map, entry.key()).map(String::strip).filter(v -> !v.isEmpty())
                    .ifPresent(v -> fields.put(entry.key(), v));
        }
        return new Row(fields, map.line());
    }

    private static String expected(String section) {
        return "the JSON of " + section + "s --reportformat json --units b --nosuffix: {\"report\": [{\""
                + section + "\": [{...}]}]}";
    }

    /** Blanks every line that cannot be part of LVM's JSON, keeping line numbers. */
    private static String jsonLinesOnly(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String s = line.stripLeading();
            boolean json = !s.isEmpty() && "{}[]\"".indexOf(s.charAt(0)) >= 0;
            kept.append(json ? line : "").append('\n');
        }
        return kept.toString();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
