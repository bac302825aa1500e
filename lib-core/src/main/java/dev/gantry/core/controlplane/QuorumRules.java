package dev.gantry.core.controlplane;

import dev.gantry.core.Finding;
import dev.gantry.core.Machine;
import dev.gantry.core.etcd.Quorum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules about the voting etcd members: how many, odd, and spread so that losing any one
 * failure domain leaves a quorum. Machines without a failure domain share one.
 */
final class QuorumRules {

    static final String TOO_FEW = "HA-TOO-FEW-MEMBERS";
    static final String EVEN = "HA-QUORUM-EVEN";
    static final String TOO_MANY = "HA-TOO-MANY-MEMBERS";
    static final String ZONE_LOSS = "HA-ZONE-LOSS-BREAKS-QUORUM";
    static final String ETCD_UNUSED = "HA-ETCD-MACHINES-UNUSED";

    private QuorumRules() {}

    static List<Finding> check(Topology t, HaPolicy policy) {
        List<Finding> findings = new ArrayList<>();
        String subject = subject(t);
        int n = t.voters().size();
        findings.add(tooFew(t, policy, subject, n));
        if (!t.stacked()) {
            findings.add(tooFewApiServers(t, policy));
        } else if (!t.etcdMachines().isEmpty()) {
            findings.add(Finding.warn(ETCD_UNUSED, "etcd", t.etcdMachines().size() + " machine(s) with role etcd are"
                            + " not used: etcd is stacked on the control-plane machines",
                    "plan with withEtcd(EtcdTopology.EXTERNAL) to run etcd on them, or give them another role"));
        }
        if (n > 0) {
            findings.add(even(policy, subject, n));
            findings.add(tooMany(policy, subject, n));
            findings.addAll(zoneLoss(t, policy, subject));
        }
        return findings;
    }

    static String subject(Topology t) {
        return t.stacked() ? "control plane" : "etcd";
    }

    static String voterKind(Topology t) {
        return t.stacked() ? "stacked on the control-plane machines" : "on the external etcd machines";
    }

    private static Finding tooFew(Topology t, HaPolicy policy, String subject, int n) {
        if (n >= policy.minMembers()) {
            return Finding.pass(TOO_FEW, subject, n + " voting members, at least " + policy.minMembers() + " required");
        }
        String role = t.stacked() ? "control-plane" : "etcd";
        return Finding.fail(TOO_FEW, subject, n + " voting members (" + voterKind(t) + "), but the policy requires at"
                        + " least " + policy.minMembers() + (n == 1 ? "; one member is a single point of failure" : ""),
                "add " + (policy.minMembers() - n) + " more machine(s) with role " + role + " to the inventory,"
                        + " each in its own failure domain");
    }

    private static Finding tooFewApiServers(Topology t, HaPolicy policy) {
        int masters = t.masters().size();
        int needed = policy.minMembers() > 1 ? 2 : 1;
        if (masters >= needed) {
            return Finding.pass(TOO_FEW, "api servers", masters + " control-plane machines, at least " + needed
                    + " required with external etcd");
        }
        return Finding.fail(TOO_FEW, "api servers", masters + " control-plane machines: with external etcd the"
                        + " API still needs " + needed + " or more to survive one machine failing",
                "add control-plane machines to the inventory, in different failure domains");
    }

    private static Finding even(HaPolicy policy, String subject, int n) {
        Quorum q = Quorum.of(n);
        if (n % 2 == 1) {
            return Finding.pass(EVEN, subject, n + " voting members is odd: quorum " + q.size() + ", tolerates "
                    + q.tolerates() + " failure(s)");
        }
        String message = n + " voting members tolerate " + q.tolerates() + " failure(s), no more than " + (n - 1)
                + ", and a network split can leave no majority";
        String remedy = "use " + (n - 1) + " or " + (n + 1) + " voting members";
        return policy.oddMembers()
                ? Finding.fail(EVEN, subject, message, remedy)
                : Finding.warn(EVEN, subject, message, remedy);
    }

    private static Finding tooMany(HaPolicy policy, String subject, int n) {
        if (n <= policy.maxMembers()) {
            return Finding.pass(TOO_MANY, subject, n + " voting members, at most " + policy.maxMembers() + " allowed");
        }
        return Finding.fail(TOO_MANY, subject, n + " voting members, more than the " + policy.maxMembers()
                        + " allowed: every write waits for a majority, so more members make etcd slower",
                "use " + Math.min(policy.maxMembers(), 5) + " voting members and make the others workers"
                        + " or learners");
    }

    private static List<Finding> zoneLoss(Topology t, HaPolicy policy, String subject) {
        Map<String, List<String>> domains = byDomain(t.voters());
        Quorum q = Quorum.of(t.voters().size());
        List<String> breaking = new ArrayList<>();
        domains.forEach((domain, names) -> {
            if (!q.survivesWith(q.members() - names.size())) {
                breaking.add(domain + " (" + String.join(", ", names) + ")");
            }
        });
        List<Finding> findings = new ArrayList<>();
        if (!policy.survivesDomainLoss()) {
            findings.add(Finding.info(ZONE_LOSS, subject, "not required by the policy; " + describe(domains)));
        } else if (breaking.isEmpty()) {
            findings.add(Finding.pass(ZONE_LOSS, subject, "losing any one failure domain leaves a quorum of "
                    + q.size() + ": " + describe(domains)));
        } else {
            findings.add(Finding.fail(ZONE_LOSS, subject, "losing " + String.join(" or ", breaking) + " leaves fewer"
                            + " than the quorum of " + q.size() + " of " + q.members() + " voting members"
                            + (domains.containsKey(Machine.UNSPECIFIED_FAILURE_DOMAIN)
                                    ? "; machines without a failureDomain count as one domain" : ""),
                    "spread the voting members so that no failure domain holds " + (q.members() - q.size() + 1)
                            + " or more, e.g. one per zone or rack across " + q.members() + " domains"));
        }
        if (!t.stacked() && policy.survivesDomainLoss()) {
            findings.add(apiServerSpread(t));
        }
        return findings;
    }

    private static Finding apiServerSpread(Topology t) {
        Map<String, List<String>> domains = byDomain(t.masters());
        if (domains.size() > 1 || t.masters().isEmpty()) {
            return Finding.pass(ZONE_LOSS, "api servers", "control-plane machines span " + domains.size()
                    + " failure domains");
        }
        return Finding.fail(ZONE_LOSS, "api servers", "every control-plane machine is in "
                        + domains.keySet().iterator().next() + ": losing it leaves no API server",
                "put control-plane machines in at least two failure domains");
    }

    static Map<String, List<String>> byDomain(List<Machine> machines) {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        machines.forEach(m -> domains.computeIfAbsent(m.failureDomain(), d -> new ArrayList<>()).add(m.name()));
        return domains;
    }

    static String describe(Map<String, List<String>> domains) {
        List<String> parts = new ArrayList<>();
        domains.forEach((d, names) -> parts.add(d + ": " + String.join(", ", names)));
        return String.join("; ", parts);
    }
}
