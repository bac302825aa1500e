package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Machine;
import dev.gantry.core.controlplane.ControlPlaneShape.Member;
import dev.gantry.core.etcd.Quorum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules about the voting etcd members: how many, odd, and spread so that losing any one
 * failure domain leaves a quorum; with external etcd also the API servers' count and spread.
 * Members in {@code unspecified} share that one domain; members whose domain is unknown make the
 * spread rule say so instead of judging.
 */
final class QuorumRules {

    static final String TOO_FEW = "HA-TOO-FEW-MEMBERS";
    static final String EVEN = "HA-QUORUM-EVEN";
    static final String TOO_MANY = "HA-TOO-MANY-MEMBERS";
    static final String ZONE_LOSS = "HA-ZONE-LOSS-BREAKS-QUORUM";
    static final String ENOUGH = "HA-MEMBERS-ENOUGH";
    static final String ODD = "HA-QUORUM-ODD";
    static final String WITHIN_MAX = "HA-MEMBERS-WITHIN-MAX";
    static final String ZONE_LOSS_SURVIVED = "HA-ZONE-LOSS-SURVIVED";
    static final String ETCD_UNUSED = "HA-ETCD-MACHINES-UNUSED";
    static final String API_SERVERS = "api servers";
    private static final String UNKNOWN_DOMAIN = "unknown";

    private QuorumRules() {}

    static List<Finding> check(ControlPlaneShape shape, HaPolicy policy) {
        List<Finding> findings = new ArrayList<>();
        int n = shape.voters().size();
        findings.add(tooFew(shape, policy, n));
        if (!shape.stacked()) {
            findings.add(tooFewApiServers(shape, policy));
        } else if (!shape.etcdMembers().isEmpty()) {
            findings.add(Finding.warn(ETCD_UNUSED, "etcd", shape.etcdMembers().size() + " machine(s) with role etcd"
                            + " are not used: etcd is stacked on the control-plane machines",
                    "plan with withEtcd(EtcdTopology.EXTERNAL) to run etcd on them, or give them another role"));
        }
        if (n > 0) {
            findings.add(even(shape, policy, n));
            findings.add(tooMany(shape, policy, n));
            findings.add(zoneLoss(shape, policy));
        }
        if (!shape.stacked() && policy.survivesDomainLoss()) {
            findings.add(apiServerSpread(shape));
        }
        return findings;
    }

    static String subject(ControlPlaneShape shape) {
        return shape.stacked() ? "control plane" : "etcd";
    }

    static String voterKind(ControlPlaneShape shape) {
        return shape.stacked() ? "stacked on the control-plane machines" : "on the external etcd machines";
    }

    private static Finding tooFew(ControlPlaneShape shape, HaPolicy policy, int n) {
        String subject = subject(shape);
        if (n >= policy.minMembers()) {
            return Finding.pass(ENOUGH, subject, n + " voting members, at least " + policy.minMembers() + " required");
        }
        String role = shape.stacked() ? "control-plane" : "etcd";
        return Finding.fail(TOO_FEW, subject, n + " voting members (" + voterKind(shape) + "), but the policy"
                        + " requires at least " + policy.minMembers()
                        + (n == 1 ? "; one member is a single point of failure" : ""),
                "add " + (policy.minMembers() - n) + " more machine(s) with role " + role + ", each in its own"
                        + " failure domain, joining them one at a time");
    }

    private static Finding tooFewApiServers(ControlPlaneShape shape, HaPolicy policy) {
        int masters = shape.members().size();
        int needed = policy.minMembers() > 1 ? 2 : 1;
        if (masters >= needed) {
            return Finding.pass(ENOUGH, API_SERVERS, masters + " control-plane machines, at least " + needed
                    + " required with external etcd");
        }
        return Finding.fail(TOO_FEW, API_SERVERS, masters + " control-plane machines: with external etcd the"
                        + " API still needs " + needed + " or more to survive one machine failing",
                "add control-plane machines, in different failure domains");
    }

    private static Finding even(ControlPlaneShape shape, HaPolicy policy, int n) {
        Quorum q = Quorum.of(n);
        if (n % 2 == 1) {
            return Finding.pass(ODD, subject(shape), n + " voting members is odd: quorum " + q.size() + ", tolerates "
                    + q.tolerates() + " failure(s)");
        }
        String message = n + " voting members tolerate " + q.tolerates() + " failure(s), no more than " + (n - 1)
                + ", and a network split can leave no majority";
        String remedy = "use " + (n - 1) + " or " + (n + 1) + " voting members";
        return policy.oddMembers()
                ? Finding.fail(EVEN, subject(shape), message, remedy)
                : Finding.warn(EVEN, subject(shape), message, remedy);
    }

    private static Finding tooMany(ControlPlaneShape shape, HaPolicy policy, int n) {
        if (n <= policy.maxMembers()) {
            return Finding.pass(WITHIN_MAX, subject(shape), n + " voting members, at most " + policy.maxMembers()
                    + " allowed");
        }
        return Finding.fail(TOO_MANY, subject(shape), n + " voting members, more than the " + policy.maxMembers()
                        + " allowed: every write waits for a majority, so more members make etcd slower",
                "use " + Math.min(policy.maxMembers(), 5) + " voting members and make the others workers"
                        + " or learners");
    }

    private static Finding zoneLoss(ControlPlaneShape shape, HaPolicy policy) {
        String subject = subject(shape);
        Map<String, List<String>> domains = byDomain(shape.voters());
        if (!policy.survivesDomainLoss()) {
            return Finding.info(ZONE_LOSS, subject, "not required by the policy; " + describe(domains));
        }
        if (domains.containsKey(UNKNOWN_DOMAIN)) {
            return Finding.info(ZONE_LOSS, subject, "cannot be judged: the failure domains of "
                    + String.join(", ", domains.get(UNKNOWN_DOMAIN)) + " are unknown; " + describe(domains));
        }
        Quorum q = Quorum.of(shape.voters().size());
        List<String> breaking = new ArrayList<>();
        domains.forEach((domain, names) -> {
            if (!q.survivesWith(q.members() - names.size())) {
                breaking.add(domain + " (" + String.join(", ", names) + ")");
            }
        });
        if (breaking.isEmpty()) {
            return Finding.pass(ZONE_LOSS_SURVIVED, subject, "losing any one failure domain leaves a quorum of "
                    + q.size() + ": " + describe(domains));
        }
        return Finding.fail(ZONE_LOSS, subject, "losing " + String.join(" or ", breaking) + " leaves fewer"
                        + " than the quorum of " + q.size() + " of " + q.members() + " voting members"
                        + (domains.containsKey(Machine.UNSPECIFIED_FAILURE_DOMAIN)
                                ? "; machines without a failureDomain count as one domain (so do nodes without"
                                        + " a zone label)" : ""),
                "spread the voting members so that no failure domain holds " + (q.members() - q.size() + 1)
                        + " or more, e.g. one per zone or rack across " + q.members() + " domains");
    }

    private static Finding apiServerSpread(ControlPlaneShape shape) {
        Map<String, List<String>> domains = byDomain(shape.members());
        if (domains.size() > 1 || shape.members().isEmpty()) {
            return Finding.pass(ZONE_LOSS_SURVIVED, API_SERVERS, "control-plane machines span " + domains.size()
                    + " failure domains");
        }
        return Finding.fail(ZONE_LOSS, API_SERVERS, "every control-plane machine is in "
                        + domains.keySet().iterator().next() + ": losing it leaves no API server",
                "put control-plane machines in at least two failure domains");
    }

    static Map<String, List<String>> byDomain(List<Member> members) {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        members.forEach(m -> domains.computeIfAbsent(m.failureDomain().orElse(UNKNOWN_DOMAIN),
                d -> new ArrayList<>()).add(m.name()));
        return domains;
    }

    static String describe(Map<String, List<String>> domains) {
        List<String> parts = new ArrayList<>();
        domains.forEach((d, names) -> parts.add(d + ": " + String.join(", ", names)));
        return String.join("; ", parts);
    }
}
