package dev.gantry.test;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a {@link Report} into JUnit 5 dynamic tests, one per finding, so every finding of a RAID
 * check, an HA plan or a health snapshot shows in the CI server's test tab.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> dataVolumesAreStriped() {
 *     return ReportTests.of(RaidCheck.ofDefaults().check(NodeFacts.parse(...)));
 * }
 * }</pre>
 *
 * <p>Each test is named {@code CODE subject}. A {@code FAIL} finding fails its test with the
 * message and the remedy; a {@code WARN} finding aborts it (an assumption failure, shown as
 * skipped with the message); {@code PASS} and {@code INFO} findings pass. An empty report gives no
 * test. Thread-safe: the report is immutable.
 */
public final class ReportTests {

    private ReportTests() {}

    /**
     * Creates one dynamic test per finding of the report, in the report's order.
     *
     * @param report the report to show as tests
     * @return the tests, named {@code CODE subject}
     */
    public static Stream<DynamicTest> of(Report report) {
        Objects.requireNonNull(report, "report");
        return report.findings().stream().map(ReportTests::test);
    }

    private static DynamicTest test(Finding finding) {
        return DynamicTest.dynamicTest(name(finding), () -> judge(finding));
    }

    private static String name(Finding finding) {
        return finding.subject().isEmpty() ? finding.code() : finding.code() + " " + finding.subject();
    }

    private static void judge(Finding finding) {
        switch (finding.severity()) {
            case FAIL -> throw new AssertionFailedError(describe(finding));
            case WARN -> Assumptions.abort(describe(finding));
            case PASS, INFO -> { }
        }
    }

    private static String describe(Finding finding) {
        String text = finding.severity() + " " + finding.code() + " " + finding.subject() + ": "
                + finding.message();
        return finding.remedy().isEmpty() ? text : text + " (remedy: " + finding.remedy() + ")";
    }
}
