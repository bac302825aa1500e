package dev.gantry.core;

import dev.gantry.core.internal.Lines;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one result type of Gantry: an ordered list of {@link Finding}s with an optional title and
 * optional Mermaid diagrams, printable for people, machines and test harnesses.
 *
 * <pre>{@code
 * Report report = Report.of(
 *         Finding.pass("HA-MASTERS-SPREAD", "cluster", "3 control-plane machines in 3 failure domains"),
 *         Finding.fail("HA-QUORUM-EVEN", "cluster", "4 voting members tolerate 1 failure, like 3",
 *                 "add or remove one control-plane machine"))
 *     .withTitle("control plane prod-eu");
 * report.print();                 // text for people
 * String json = report.toJson();  // for machines
 * report.orThrow();               // for harnesses: throws CheckFailedException
 * }</pre>
 *
 * <p>Renderings: {@link #toText()} (aligned columns and a summary line), {@link #toMarkdown()} (a
 * table, then each diagram in a {@code mermaid} fence), {@link #toJson()} and {@link
 * #toJUnitXml()}. A report is empty by default, has no title and no diagrams; {@code with…} and
 * {@link #and(Report)} return new reports. Immutable and thread-safe; equal when findings, title
 * and diagrams are equal.
 */
public final class Report {

    private static final Report EMPTY = new Report(List.of(), "", List.of());

    private final List<Finding> findings;
    private final String title;
    private final List<String> diagrams;

    private Report(List<Finding> findings, String title, List<String> diagrams) {
        this.findings = findings;
        this.title = title;
        this.diagrams = diagrams;
    }

    /**
     * Creates a report of the given findings, in that order.
     *
     * @param findings the findings; none may be {@code null}
     * @return the report
     */
    public static Report of(Finding... findings) {
        return of(Arrays.asList(findings));
    }

    /**
     * Creates a report of the given findings, in that order; the list is copied.
     *
     * @param findings the findings; none may be {@code null}
     * @return the report
     */
    public static Report of(List<Finding> findings) {
        return new Report(List.copyOf(findings), "", List.of());
    }

    /**
     * Returns a report without findings, title or diagrams; it is {@link #ok()}.
     *
     * @return a report without findings, title or diagrams; it is {@link #ok()}
     */
    public static Report empty() {
        return EMPTY;
    }

    /**
     * Returns a copy of this report with a title, used as heading, JUnit suite name and exception
     * message prefix.
     *
     * @param newTitle the title; not blank
     * @return the copy
     */
    public Report withTitle(String newTitle) {
        Objects.requireNonNull(newTitle, "title");
        if (newTitle.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        return new Report(findings, newTitle, diagrams);
    }

    /**
     * Returns a copy of this report with one more Mermaid diagram, rendered by {@link
     * #toMarkdown()} after the table.
     *
     * <pre>{@code
     * report.withDiagram("flowchart LR\n  lb --> cp1 & cp2 & cp3")
     * }</pre>
     *
     * @param mermaidSource the diagram source, without the surrounding fence; not blank
     * @return the copy
     */
    public Report withDiagram(String mermaidSource) {
        Objects.requireNonNull(mermaidSource, "mermaidSource");
        if (mermaidSource.isBlank()) {
            throw new IllegalArgumentException("mermaidSource must not be blank");
        }
        List<String> more = new ArrayList<>(diagrams);
        more.add(mermaidSource);
        return new Report(findings, title, List.copyOf(more));
    }

    /**
     * Returns the title, when one was set.
     *
     * @return the title, when one was set
     */
    public Optional<String> title() {
        return title.isEmpty() ? Optional.empty() : Optional.of(title);
    }

    /**
     * Returns the Mermaid diagram sources in the order they were added; unmodifiable.
     *
     * @return the Mermaid diagram sources in the order they were added; unmodifiable
     */
    public List<String> diagrams() {
        return diagrams;
    }

    /**
     * Returns all findings in order; unmodifiable.
     *
     * @return all findings in order; unmodifiable
     */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * Returns {@code true} when no finding is {@link Severity#FAIL}; an empty report is ok.
     *
     * @return {@code true} when no finding is {@link Severity#FAIL}; an empty report is ok
     */
    public boolean ok() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.FAIL);
    }

    /**
     * Returns the {@link Severity#FAIL} findings in order; unmodifiable.
     *
     * @return the {@link Severity#FAIL} findings in order; unmodifiable
     */
    public List<Finding> failures() {
        return bySeverity(Severity.FAIL);
    }

    /**
     * Returns the highest severity among the findings, or {@link Severity#PASS} when there are none.
     *
     * @return the highest severity among the findings, or {@link Severity#PASS} when there are none
     */
    public Severity worst() {
        Severity worst = Severity.PASS;
        for (Finding f : findings) {
            if (f.severity().isWorseThan(worst)) {
                worst = f.severity();
            }
        }
        return worst;
    }

    /**
     * Returns the findings of one severity.
     *
     * @param severity the severity to select
     * @return the matching findings in order; unmodifiable
     */
    public List<Finding> bySeverity(Severity severity) {
        Objects.requireNonNull(severity, "severity");
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /**
     * Combines this report with another: findings and diagrams of this one first, then the other's;
     * this title when set, else the other's.
     *
     * @param other the report to append
     * @return the combined report
     */
    public Report and(Report other) {
        Objects.requireNonNull(other, "other");
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(other.findings);
        List<String> pictures = new ArrayList<>(diagrams);
        pictures.addAll(other.diagrams);
        return new Report(List.copyOf(all), title.isEmpty() ? other.title : title, List.copyOf(pictures));
    }

    /**
     * Returns the counts line used by every rendering, worst severity first.
     *
     * <pre>{@code
     * 3 findings: 1 FAIL, 1 WARN, 1 PASS
     * }</pre>
     *
     * @return the summary, {@code "0 findings"} for an empty report
     */
    public String summary() {
        int[] counts = new int[Severity.values().length];
        findings.forEach(f -> counts[f.severity().ordinal()]++);
        StringBuilder sb = new StringBuilder().append(findings.size())
                .append(findings.size() == 1 ? " finding" : " findings");
        String separator = ": ";
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                sb.append(separator).append(counts[i]).append(' ').append(Severity.values()[i]);
                separator = ", ";
            }
        }
        return sb.toString();
    }

    /**
     * Writes {@link #toText()} to {@code System.out}; for runbooks.
     *
     * @return this report, for chaining such as {@code report.print().orThrow()}
     */
    public Report print() {
        return print(System.out);
    }

    /**
     * Writes {@link #toText()} to a stream and flushes it.
     *
     * @param out where to write
     * @return this report
     */
    public Report print(PrintStream out) {
        Objects.requireNonNull(out, "out");
        out.print(toText());
        out.flush();
        return this;
    }

    /**
     * Renders the report for people: the title, one line per finding in aligned columns, then the
     * {@linkplain #summary() summary}. Control characters in the text are shown escaped.
     *
     * <pre>{@code
     * FAIL  HA-QUORUM-EVEN     cluster: 4 voting members tolerate 1 failure → remedy: add or remove one machine
     * PASS  HA-MASTERS-SPREAD  cluster: 3 failure domains
     * 2 findings: 1 FAIL, 1 PASS
     * }</pre>
     *
     * @return the text, ending with a newline
     */
    public String toText() {
        return TextRenderer.render(this);
    }

    /**
     * Renders the report as GitHub-flavoured Markdown: a heading with the title, a table with
     * columns Severity, Code, Subject, Message and Remedy (pipes, backslashes, HTML characters and
     * line breaks escaped), the summary line, then each diagram in a {@code mermaid} fence.
     *
     * @return the Markdown, ending with a newline
     */
    public String toMarkdown() {
        return MarkdownRenderer.render(this);
    }

    /**
     * Renders the report as one JSON object.
     *
     * <pre>{@code
     * {"title":"prod","ok":false,"worst":"FAIL","findings":[{"severity":"FAIL","code":"HA-QUORUM-EVEN",
     *   "subject":"cluster","message":"...","remedy":"..."}]}
     * }</pre>
     *
     * <p>{@code title} is left out when absent; diagrams are not part of the JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        return JsonRenderer.render(this);
    }

    /**
     * Renders the report as a JUnit XML {@code <testsuite>}, as Jenkins, GitLab and GitHub test
     * reporters read it.
     *
     * <ul>
     *   <li>{@code <testsuite name tests failures errors skipped>}: the name is the title, or {@code
     *       gantry} without one; {@code errors} is always 0; no {@code <properties>} element, as a
     *       report has no key/value metadata and CI servers do not show suite properties.
     *   <li>One {@code <testcase classname name>} per distinct subject, in first-seen order; {@code
     *       classname} is the suite name, {@code name} the subject.
     *   <li>A subject with FAIL findings gets exactly one {@code <failure message type>} (Jenkins
     *       and GitLab read only the first {@code <failure>} of a testcase): {@code type} is the code
     *       of its first FAIL finding, {@code message} that finding's message (with the number of
     *       further failures), and the body lists every FAIL finding with code and remedy.
     *   <li>A subject whose findings are all INFO gets {@code <skipped>}: nothing was checked.
     *   <li>PASS, INFO and WARN findings of a subject are listed in its {@code <system-out>}.
     * </ul>
     *
     * <p>Characters that XML 1.0 forbids (control characters other than tab, newline and carriage
     * return, unpaired surrogates, U+FFFE and U+FFFF) are replaced by U+FFFD, so the result is
     * well-formed whatever the findings contain. Write it to a file as UTF-8.
     *
     * @return the XML document
     */
    public String toJUnitXml() {
        return JUnitXmlRenderer.render(this);
    }

    /**
     * Returns this report when it is {@link #ok()}, else throws; for test harnesses and runbooks.
     *
     * <pre>{@code
     * audit.run(cluster).orThrow();
     * }</pre>
     *
     * @return this report
     * @throws CheckFailedException when a finding is {@link Severity#FAIL}; its message lists the
     *     failures with their remedies
     */
    public Report orThrow() {
        if (ok()) {
            return this;
        }
        throw new CheckFailedException(this);
    }

    /**
     * Returns a short description such as {@code Report[prod, 3 findings, worst=FAIL, ok=false]}.
     *
     * @return a short description such as {@code Report[prod, 3 findings, worst=FAIL, ok=false]}
     */
    @Override
    public String toString() {
        String named = title.isEmpty() ? "" : Lines.shown(title) + ", ";
        return "Report[" + named + findings.size() + (findings.size() == 1 ? " finding" : " findings")
                + ", worst=" + worst() + ", ok=" + ok() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Report other && findings.equals(other.findings) && title.equals(other.title)
                && diagrams.equals(other.diagrams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(findings, title, diagrams);
    }
}
