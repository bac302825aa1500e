package dev.gantry.core.raid;

import dev.gantry.core.ParseException;
import java.util.List;
import java.util.Objects;

/** Checks shared by the parsers of this package: input size limits and offending lines by number. */
final class Input {

    /** The largest input any parser here accepts, in characters: far above any real tool output. */
    static final int MAX_CHARS = 32 * 1024 * 1024;

    private Input() {}

    /**
     * Checks that the input is not null, not blank and not larger than {@link #MAX_CHARS}.
     *
     * @param expected what the input should be, for the message
     */
    static String require(String text, String source, String expected) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "sourceName");
        if (text.length() > MAX_CHARS) {
            throw new ParseException(source, 1, firstLine(text), "the input has " + text.length()
                    + " characters, more than the limit of " + MAX_CHARS + "; expected " + expected);
        }
        if (text.isBlank()) {
            throw new ParseException(source, 0, "", "the input is empty; expected " + expected);
        }
        return text;
    }

    /**
     * Returns the lines of the text, without line breaks (a trailing {@code \r} removed).
     *
     * @return the lines of the text, without line breaks (a trailing {@code \r} removed)
     */
    static List<String> lines(String text) {
        return text.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
    }

    /**
     * Returns the text of a 1-based line, or an empty string when out of range.
     *
     * @return the text of a 1-based line, or an empty string when out of range
     */
    static String lineAt(String text, int line) {
        return line < 1 ? "" : lines(text).stream().skip(line - 1L).findFirst().orElse("");
    }

    /**
     * Returns the value in double quotes, shortened to 60 characters, control characters escaped.
     *
     * @return the value in double quotes, shortened to 60 characters, control characters escaped
     */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        int limit = Math.min(value.length(), 60);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(value.length() > limit ? "…\"" : "\"").toString();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text.substring(0, Math.min(text.length(), 200)) : text.substring(0, Math.min(end, 200));
    }
}
