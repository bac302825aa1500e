package dev.gantry.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Report} as GitHub-flavoured Markdown: heading, findings table, summary, Mermaid
 * diagrams.
 *
 * <p>Cell text is escaped so that it stays inside its cell and shows literally: backslashes and
 * pipes are backslash-escaped (GFM splits rows on unescaped pipes, after pairing backslashes), the
 * HTML characters {@code & < >} become entities, line breaks become {@code <br>}, and other control
 * characters become U+FFFD. Each diagram gets a backtick fence longer than any backtick run inside
 * it, so a diagram cannot close its own fence.
 */
final class MarkdownRenderer {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownRenderer() {
    }

    static String render(Report report) {
        StringBuilder sb = new StringBuilder();
        report.title().ifPresent(t -> sb.append("# ").append(escape(t, " ")).append("\n\n"));
        if (!report.findings().isEmpty()) {
            table(report, sb);
            sb.append('\n');
        }
        sb.append(report.summary()).append('\n');
        for (String diagram : report.diagrams()) {
            String fence = fenceFor(diagram);
            sb.append('\n').append(fence).append("mermaid\n").append(diagram);
            if (!diagram.endsWith("\n")) {
                sb.append('\n');
            }
            sb.append(fence).append('\n');
        }
        return sb.toString();
    }

    private static void table(Report report, StringBuilder sb) {
        sb.append("| Severity | Code | Subject | Message | Remedy |\n");
        sb.append("| --- | --- | --- | --- | --- |\n");
        for (Finding f : report.findings()) {
            sb.append("| ").append(f.severity())
                    .append(" | ").append(cell(f.code()))
                    .append(" | ").append(cell(f.subject()))
                    .append(" | ").append(cell(f.message()))
                    .append(" | ").append(cell(f.remedy()))
                    .append(" |\n");
        }
    }

    /** Escapes text for one table cell. */
    static String cell(String text) {
        return escape(text, "<br>");
    }

    private static String escape(String text, String lineBreak) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '|' -> sb.append("\\|");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\n' -> sb.append(lineBreak);
                case '\r' -> sb.append(i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "" : lineBreak);
                default -> sb.append(Character.isISOControl(c) && c != '\t' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    private static String fenceFor(String diagram) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(diagram);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
