package dev.gantry.core.etcd;

import dev.gantry.core.CheckFailedException;
import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The answer of a {@link QuorumGuard}: whether a change may go ahead, a stable code, and why. It
 * speaks the shared result vocabulary: {@link #toFinding(String)} and {@link #report()} turn it
 * into a {@link Finding} (PASS or FAIL) and a {@link Report} that can be {@code and()}-ed with
 * other checks, and {@link #orThrow()} fails like {@link Report#orThrow()}.
 *
 * <pre>{@code
 * QuorumDecision d = guard.canRemove(member);
 * if (!d.allowed()) System.out.println(d.code() + ": " + d.reason());
 * guard.canRestart(member).orThrow();      // in a runbook: stop here unless it is safe
 * }</pre>
 *
 * @param allowed whether the change keeps etcd's quorum
 * @param code a stable code such as {@code ETCD-GUARD-QUORUM-AT-RISK}
 * @param reason one sentence with the numbers behind the answer; not blank
 */
public record QuorumDecision(boolean allowed, String code, String reason) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    private static final String SUBJECT = "etcd quorum";
    private static final String REMEDY = "read the cluster again once the reason is resolved; change one member"
            + " at a time";

    /** Validates the fields. */
    public QuorumDecision {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must look like ETCD-GUARD-SAFE but was: " + code);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must say why, but was blank");
        }
    }

    /**
     * Creates a decision that allows the change.
     *
     * @param code the stable code
     * @param reason why it is safe
     * @return the decision
     */
    public static QuorumDecision allow(String code, String reason) {
        return new QuorumDecision(true, code, reason);
    }

    /**
     * Creates a decision that refuses the change.
     *
     * @param code the stable code
     * @param reason why it is not safe
     * @return the decision
     */
    public static QuorumDecision refuse(String code, String reason) {
        return new QuorumDecision(false, code, reason);
    }

    /**
     * Turns the decision into a finding: PASS when allowed, FAIL with a remedy when refused.
     *
     * @param subject what the finding is about, e.g. {@code etcd cluster prod}
     * @return the finding with this decision's code and reason
     */
    public Finding toFinding(String subject) {
        return allowed ? Finding.pass(code, subject, reason) : Finding.fail(code, subject, reason, REMEDY);
    }

    /**
     * Returns a report titled {@code etcd quorum guard} with this decision as its one finding
     * (subject {@code etcd quorum}).
     *
     * @return the report
     */
    public Report report() {
        return Report.of(toFinding(SUBJECT)).withTitle("etcd quorum guard");
    }

    /**
     * Returns this decision when it allows the change, and fails like {@link Report#orThrow()}
     * when it does not.
     *
     * @return this decision
     * @throws CheckFailedException with the code and reason, and {@link #report()} as its report,
     *     when the change is refused
     */
    public QuorumDecision orThrow() {
        if (!allowed) {
            throw new CheckFailedException(report());
        }
        return this;
    }
}
