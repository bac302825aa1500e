package dev.gantry.core.etcd;

import dev.gantry.core.GantryException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The answer of a {@link QuorumGuard}: whether a change may go ahead, a stable code, and why.
 *
 * <pre>{@code
 * QuorumDecision d = guard.canRemove(member);
 * if (!d.allowed()) System.out.println(d.code() + ": " + d.reason());
 * guard.canRestart(member).orThrow();      // in a runbook: stop here unless it is safe
 * }</pre>
 *
 * @param allowed whether the change keeps etcd's quorum
 * @param code a stable code such as {@code ETCD-GUARD-QUORUM-AT-RISK}
 * @param reason one sentence with the numbers behind the answer
 */
public record QuorumDecision(boolean allowed, String code, String reason) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    /** Validates the fields. */
    public QuorumDecision {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must look like ETCD-GUARD-SAFE but was: " + code);
        }
    }

    /**
     * @param code the stable code
     * @param reason why it is safe
     * @return a decision that allows the change
     */
    public static QuorumDecision allow(String code, String reason) {
        return new QuorumDecision(true, code, reason);
    }

    /**
     * @param code the stable code
     * @param reason why it is not safe
     * @return a decision that refuses the change
     */
    public static QuorumDecision refuse(String code, String reason) {
        return new QuorumDecision(false, code, reason);
    }

    /**
     * @return this decision when it allows the change
     * @throws GantryException with the code and reason when it does not
     */
    public QuorumDecision orThrow() {
        if (!allowed) {
            throw new GantryException(code + ": " + reason);
        }
        return this;
    }
}
