package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    static final Finding QUORUM = Finding.fail("HA-QUORUM-EVEN", "cluster",
            "4 voting members tolerate 1 failure, like 3", "add or remove one control-plane machine");
    static final Finding LB = Finding.warn("HA-LB-SINGLE", "api-lb", "one load balancer", "add a second one");
    static final Finding SPREAD = Finding.pass("HA-SPREAD", "cluster", "3 failure domains");
    static final Finding VERSION = Finding.info("ETCD-VERSION", "etcd", "3.5.12");

    @Test
    void anEmptyReportIsOkWithWorstPass() {
        Report empty = Report.empty();

        assertThat(empty.findings()).isEmpty();
        assertThat(empty.ok()).isTrue();
        assertThat(empty.worst()).isEqualTo(Severity.PASS);
        assertThat(empty.title()).isEmpty();
        assertThat(empty.diagrams()).isEmpty();
        assertThat(empty.summary()).isEqualTo("0 findings");
        assertThat(Report.of()).isEqualTo(empty);
    }

    @Test
    void aReportWithAFailIsNotOkAndListsItsFailures() {
        Report report = Report.of(SPREAD, QUORUM, LB);

        assertThat(report.ok()).isFalse();
        assertThat(report.worst()).isEqualTo(Severity.FAIL);
        assertThat(report.failures()).containsExactly(QUORUM);
        assertThat(report.bySeverity(Severity.WARN)).containsExactly(LB);
        assertThat(report.bySeverity(Severity.INFO)).isEmpty();
    }

    @Test
    void worstIsWarnWhenThereIsNoFail() {
        Report report = Report.of(VERSION, LB, SPREAD);

        assertThat(report.ok()).isTrue();
        assertThat(report.worst()).isEqualTo(Severity.WARN);
    }

    @Test
    void copiesTheGivenListSoLaterChangesDoNotLeakIn() {
        List<Finding> findings = new ArrayList<>(List.of(SPREAD));
        Report report = Report.of(findings);
        findings.add(QUORUM);

        assertThat(report.findings()).containsExactly(SPREAD);
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> report.findings().add(QUORUM));
    }

    @Test
    void rejectsNullFindings() {
        assertThatNullPointerException().isThrownBy(() -> Report.of(SPREAD, null));
    }

    @Test
    void andConcatenatesFindingsAndDiagramsAndKeepsTheFirstTitle() {
        Report first = Report.of(SPREAD).withDiagram("flowchart LR\n a --> b");
        Report second = Report.of(QUORUM).withTitle("second").withDiagram("pie\n \"x\" : 1");

        Report both = first.and(second);

        assertThat(both.findings()).containsExactly(SPREAD, QUORUM);
        assertThat(both.title()).contains("second");
        assertThat(both.diagrams()).containsExactly("flowchart LR\n a --> b", "pie\n \"x\" : 1");
        assertThat(first.withTitle("first").and(second).title()).contains("first");
    }

    @Test
    void withCopiesLeaveTheOriginalUnchanged() {
        Report original = Report.of(SPREAD);
        Report titled = original.withTitle("prod").withDiagram("graph TD\n a");

        assertThat(original.title()).isEmpty();
        assertThat(original.diagrams()).isEmpty();
        assertThat(titled.title()).contains("prod");
        assertThat(titled.diagrams()).hasSize(1);
    }

    @Test
    void rejectsBlankTitlesAndDiagrams() {
        assertThatIllegalArgumentException().isThrownBy(() -> Report.empty().withTitle(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> Report.empty().withDiagram(""));
    }

    @Test
    void isEqualByValue() {
        assertThat(Report.of(SPREAD, QUORUM).withTitle("t"))
                .isEqualTo(Report.of(List.of(SPREAD, QUORUM)).withTitle("t"))
                .hasSameHashCodeAs(Report.of(List.of(SPREAD, QUORUM)).withTitle("t"))
                .isNotEqualTo(Report.of(QUORUM, SPREAD).withTitle("t"))
                .isNotEqualTo(Report.of(SPREAD, QUORUM));
    }

    @Test
    void summaryCountsSeveritiesWorstFirstAndSkipsZeroes() {
        assertThat(Report.of(SPREAD, QUORUM, LB).summary()).isEqualTo("3 findings: 1 FAIL, 1 WARN, 1 PASS");
        assertThat(Report.of(SPREAD).summary()).isEqualTo("1 finding: 1 PASS");
    }

    @Test
    void toStringIsShortForJShell() {
        assertThat(Report.of(SPREAD, QUORUM, LB)).hasToString("Report[3 findings, worst=FAIL, ok=false]");
        assertThat(Report.of(SPREAD).withTitle("prod")).hasToString("Report[prod, 1 finding, worst=PASS, ok=true]");
    }

    @Test
    void textHasAlignedColumnsRemediesAndASummaryLine() {
        String text = Report.of(QUORUM, LB, SPREAD).withTitle("control plane").toText();

        assertThat(text).isEqualTo("""
                control plane
                FAIL  HA-QUORUM-EVEN  cluster: 4 voting members tolerate 1 failure, like 3 \
                → remedy: add or remove one control-plane machine
                WARN  HA-LB-SINGLE    api-lb: one load balancer → remedy: add a second one
                PASS  HA-SPREAD       cluster: 3 failure domains
                3 findings: 1 FAIL, 1 WARN, 1 PASS
                """);
    }

    @Test
    void textEscapesTerminalControlCharactersAndIndentsContinuationLines() {
        String text = Report.of(Finding.warn("X", "host", "red \u001b[31malert\nsecond line", "")).toText();

        assertThat(text).doesNotContain("\u001b")
                .contains("red \\u001b[31malert\n         second line\n");
    }

    @Test
    void printWritesTheTextAndReturnsTheReport() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report report = Report.of(SPREAD);

        Report returned = report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(returned).isSameAs(report);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(report.toText());
    }

    @Test
    void orThrowReturnsTheReportWhenThereIsNoFail() {
        Report report = Report.of(SPREAD, LB, VERSION);

        assertThat(report.orThrow()).isSameAs(report);
    }

    @Test
    void orThrowThrowsWithTheFailuresAndRemediesInTheMessage() {
        Report report = Report.of(SPREAD, QUORUM, LB).withTitle("control plane prod");

        assertThatExceptionOfType(CheckFailedException.class)
                .isThrownBy(report::orThrow)
                .satisfies(e -> assertThat(e.report()).isSameAs(report))
                .withMessage("control plane prod failed (3 findings: 1 FAIL, 1 WARN, 1 PASS):\n"
                        + "FAIL  HA-QUORUM-EVEN  cluster: 4 voting members tolerate 1 failure, like 3"
                        + " → remedy: add or remove one control-plane machine");
    }

    @Test
    void checkFailedExceptionIsAGantryException() {
        assertThat(new CheckFailedException(Report.of(QUORUM)))
                .isInstanceOf(GantryException.class)
                .hasMessageStartingWith("checks failed (1 finding: 1 FAIL):");
    }
}
