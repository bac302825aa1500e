package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportMarkdownTest {

    @Test
    void rendersTitleTableSummaryAndMermaidDiagram() {
        Report report = Report.of(ReportTest.QUORUM, ReportTest.SPREAD)
                .withTitle("Control plane prod")
                .withDiagram("flowchart LR\n  lb --> cp1");

        assertThat(report.toMarkdown()).isEqualTo("""
                # Control plane prod

                | Severity | Code | Subject | Message | Remedy |
                | --- | --- | --- | --- | --- |
                | FAIL | HA-QUORUM-EVEN | cluster | 4 voting members tolerate 1 failure, like 3 \
                | add or remove one control-plane machine |
                | PASS | HA-SPREAD | cluster | 3 failure domains |  |

                2 findings: 1 FAIL, 1 PASS

                ```mermaid
                flowchart LR
                  lb --> cp1
                ```
                """);
    }

    @Test
    void escapesPipesBackslashesHtmlAndLineBreaksInCells() {
        Finding hostile = Finding.warn("X", "a|b", "x\\|y <script>&\r\nnext\rthird", "one\ntwo");

        String row = Report.of(hostile).toMarkdown().lines()
                .filter(l -> l.startsWith("| WARN")).findFirst().orElseThrow();

        assertThat(row).isEqualTo("| WARN | X | a\\|b | x\\\\\\|y &lt;script&gt;&amp;<br>next<br>third | one<br>two |");
    }

    @Test
    void everyRowHasFiveCellsWhateverTheTextContains() {
        Finding hostile = Finding.warn("X", "|||", "\\|\\\\|", "|\n|");

        String row = Report.of(hostile).toMarkdown().lines()
                .filter(l -> l.startsWith("| WARN")).findFirst().orElseThrow();

        assertThat(unescapedPipes(row)).isEqualTo(6);
    }

    @Test
    void aDiagramWithBackticksCannotCloseItsFence() {
        String markdown = Report.empty().withDiagram("graph TD\n  a[\"```\"] --> b").toMarkdown();

        assertThat(markdown).contains("````mermaid\ngraph TD\n  a[\"```\"] --> b\n````\n");
    }

    @Test
    void anEmptyReportHasNoTableOnlyTheSummary() {
        assertThat(Report.empty().toMarkdown()).isEqualTo("0 findings\n");
    }

    /** Counts pipes that GFM treats as cell separators: pipes not escaped by a pending backslash. */
    private static int unescapedPipes(String row) {
        int count = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                count++;
            }
        }
        return count;
    }
}
