package dev.gantry.core;

import java.util.Objects;

/**
 * Thrown by {@link Report#orThrow()} when a report has {@link Severity#FAIL} findings.
 *
 * <p>The message is the report's title (or {@code checks}) and the failures, one per line with
 * their remedies, so a failed harness run says what to fix:
 *
 * <pre>{@code
 * control plane prod-eu failed (3 findings: 1 FAIL, 2 PASS):
 * FAIL  HA-QUORUM-EVEN  cluster: 4 voting members tolerate 1 failure → remedy: add or remove one machine
 * }</pre>
 *
 * <p>The whole report stays available through {@link #report()}. The report is not serialised with
 * the exception; after Java deserialisation {@link #report()} returns an empty report while the
 * message keeps the failures.
 */
public class CheckFailedException extends GantryException {

    private static final long serialVersionUID = 1L;

    private final transient Report report;

    /**
     * Creates the exception for a report.
     *
     * @param report the report that has failures
     */
    public CheckFailedException(Report report) {
        super(render(Objects.requireNonNull(report, "report")));
        this.report = report;
    }

    /**
     * Returns the report that failed, with all its findings.
     *
     * @return the report that failed, with all its findings
     */
    public Report report() {
        return report == null ? Report.empty() : report;
    }

    private static String render(Report report) {
        return report.title().map(t -> TextRenderer.clean(t, " ")).orElse("checks") + " failed ("
                + report.summary() + "):\n" + TextRenderer.lines(report.failures()).stripTrailing();
    }
}
