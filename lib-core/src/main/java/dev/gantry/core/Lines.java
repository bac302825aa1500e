package dev.gantry.core;

/** Finds lines of a text by number, for the offending line of a {@link ParseException}. */
final class Lines {

    private Lines() {}

    /**
     * Returns the text of a 1-based line without its line break, or an empty string when the line
     * is 0 (unknown) or beyond the end of the text.
     */
    static String at(String text, int line) {
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
    static int count(String text) {
        int lines = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < text.length() - 1; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines;
    }
}
