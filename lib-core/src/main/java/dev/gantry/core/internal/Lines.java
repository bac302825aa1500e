package dev.gantry.core.internal;

/**
 * Finds lines of a text by number, for the offending line of a {@link dev.gantry.core.ParseException},
 * and shows text safely in one-line messages.
 */
public final class Lines {

    private static final int MAX_SHOWN = 160;

    private Lines() {}

    /**
     * Returns the text of a 1-based line without its line break, or an empty string when the line
     * is 0 (unknown) or beyond the end of the text.
     */
    public static String at(String text, int line) {
        if (line < 1) {
            return "";
        }
        int start = 0;
        for (int n = 1; n < line; n++) {
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                return "";
            }
            start = newline + 1;
        }
        int end = text.indexOf('\n', start);
        String found = end < 0 ? text.substring(start) : text.substring(start, end);
        return found.endsWith("\r") ? found.substring(0, found.length() - 1) : found;
    }

    /** Returns the number of the last line of the text. */
    public static int count(String text) {
        int lines = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < text.length() - 1; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines;
    }

    /** Shortens and escapes text so that it is safe to put in a one-line log message. */
    public static String shown(String text) {
        StringBuilder sb = new StringBuilder();
        int limit = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_SHOWN) {
            sb.append("… (").append(text.length() - MAX_SHOWN).append(" more characters)");
        }
        return sb.toString();
    }

    /**
     * Returns the end of a command's output for an error message: the whole text stripped, or its
     * last 2,000 characters after {@code ...} when it is longer (the failure is usually at the end).
     */
    public static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= 2000 ? stripped : "..." + stripped.substring(stripped.length() - 2000);
    }
}
