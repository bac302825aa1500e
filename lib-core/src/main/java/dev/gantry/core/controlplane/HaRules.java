package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.etcd.Quorum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one set of HA rules for a control-plane shape, which both {@link ControlPlanePlanner} and
 * the live audit in {@code gantry-k8s} ({@code ControlPlaneAudit}) apply: the same shape gets the
 * same codes and severities from both. Pure: it reads nothing and contacts nobody.
 *
 * <pre>{@code
 * Report report = HaRules.of(HaPolicy.ofDefaults()).check(shape);
 * }</pre>
 *
 * <p>The report opens with three INFO findings ({@code HA-QUORUM}, {@code HA-SPREAD}, {@code
 * HA-ENDPOINT}), then each rule as WARN / FAIL with a remedy when it is broken: {@code
 * HA-TOO-FEW-MEMBERS}, {@code HA-ETCD-MACHINES-UNUSED}, {@code HA-QUORUM-EVEN}, {@code
 * HA-TOO-MANY-MEMBERS}, {@code HA-ZONE-LOSS-BREAKS-QUORUM}, {@code HA-ENDPOINT-MISSING} and {@code
 * HA-ENDPOINT-IS-NODE}; or as PASS under a code that names what was verified: {@code
 * HA-MEMBERS-ENOUGH}, {@code HA-QUORUM-ODD}, {@code HA-MEMBERS-WITHIN-MAX}, {@code
 * HA-ZONE-LOSS-SURVIVED}, {@code HA-ENDPOINT-SET} and {@code HA-ENDPOINT-NOT-A-NODE}. Immutable and
 * thread-safe.
 */
public final class HaRules {

    /** Every finding code these rules give; other codes in a plan or an audit come from elsewhere. */
    public static final Set<String> CODES = Set.of("HA-QUORUM", "HA-SPREAD", "HA-ENDPOINT",
            QuorumRules.TOO_FEW, QuorumRules.ETCD_UNUSED, QuorumRules.EVEN, QuorumRules.TOO_MANY,
            QuorumRules.ZONE_LOSS, EndpointRules.MISSING, EndpointRules.IS_NODE, QuorumRules.ENOUGH, QuorumRules.ODD,
            QuorumRules.WITHIN_MAX, QuorumRules.ZONE_LOSS_SURVIVED, EndpointRules.SET, EndpointRules.NOT_NODE);

    private final HaPolicy policy;

    private HaRules(HaPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Returns the rules under a policy.
     *
     * @param policy the member bounds and the failure-domain requirement
     * @return the rules
     */
    public static HaRules of(HaPolicy policy) {
        return new HaRules(policy);
    }

    /**
     * Judges a control-plane shape.
     *
     * @param shape the members, etcd topology and endpoint
     * @return the findings, summary first; untitled
     */
    public Report check(ControlPlaneShape shape) {
        Objects.requireNonNull(shape, "shape");
        List<Finding> findings = new ArrayList<>(summary(shape));
        findings.addAll(QuorumRules.check(shape, policy));
        findings.addAll(EndpointRules.check(shape, policy));
        return Report.of(findings);
    }

    private static List<Finding> summary(ControlPlaneShape shape) {
        String subject = QuorumRules.subject(shape);
        int n = shape.voters().size();
        String quorum = n == 0
                ? "no voting etcd members " + QuorumRules.voterKind(shape)
                : n + " voting etcd members " + QuorumRules.voterKind(shape) + ": quorum " + Quorum.of(n).size()
                        + ", tolerates " + Quorum.of(n).tolerates() + " failure(s)";
        Map<String, List<String>> domains = QuorumRules.byDomain(shape.voters());
        String spread = n + " voting members in " + domains.size() + " failure domain(s): "
                + (domains.isEmpty() ? "none" : QuorumRules.describe(domains));
        return List.of(
                Finding.info("HA-QUORUM", subject, quorum),
                Finding.info("HA-SPREAD", subject, spread),
                Finding.info("HA-ENDPOINT", EndpointRules.SUBJECT, endpoint(shape)));
    }

    private static String endpoint(ControlPlaneShape shape) {
        if (shape.endpoint().isPresent()) {
            return shape.endpoint().get().url() + shape.endpointMember().map(m -> ", the own address of " + m.name())
                    .orElse(" in front of " + shape.members().size() + " control-plane machine(s)");
        }
        return shape.members().isEmpty()
                ? "none, and no control-plane machine"
                : "none; nodes join through one control-plane machine's own address";
    }
}
