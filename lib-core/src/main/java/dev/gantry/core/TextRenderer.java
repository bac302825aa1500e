package dev.gantry.core;

import java.util.List;

/**
 * Renders a {@link Report} for people: aligned columns, one line per finding, then the summary.
 *
 * <p>Continuation lines of multi-line messages are indented to the subject column; other control
 * characters are shown escaped (such as {@code \u001b}), so hostile text cannot drive the terminal.
 */
final class TextRenderer {

    private static final String GAP = "  ";
    private static final int SEVERITY_WIDTH = 4;

    private TextRenderer() {
    }

    static String render(Report report) {
        StringBuilder sb = new StringBuilder();
        report.title().ifPresent(t -> sb.append(clean(t, "")).append('\n'));
        return sb.append(lines(report.findings())).append(report.summary()).append('\n').toString();
    }

    /** Renders findings one per line (each ending with a newline), with columns aligned across them. */
    static String lines(List<Finding> findings) {
        int codeWidth = findings.stream().mapToInt(f -> f.code().length()).max().orElse(0);
        String indent = " ".repeat(SEVERITY_WIDTH + GAP.length() + codeWidth + GAP.length());
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(pad(f.severity().name(), SEVERITY_WIDTH)).append(GAP)
                    .append(pad(f.code(), codeWidth)).append(GAP)
                    .append(clean(line(f), indent)).append('\n');
        }
        return sb.toString();
    }

    private static String line(Finding f) {
        String text = f.subject() + ": " + f.message();
        return f.hasRemedy() ? text + " → remedy: " + f.remedy() : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Escapes control characters; line breaks become newlines followed by {@code indent}. */
    static String clean(String text, String indent) {
        String normalized = text.replace("\r\n", "\n");
        StringBuilder sb = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '\n') {
                sb.append('\n').append(indent);
            } else if (c == '\t' || !(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
