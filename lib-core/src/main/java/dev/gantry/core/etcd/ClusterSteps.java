package dev.gantry.core.etcd;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.gantry.core.GantryException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The cluster-wide checks: every endpoint healthy, and the membership exactly the planned one. */
final class ClusterSteps {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final List<EtcdMemberSpec> members;
    private final String etcdctl;
    private final Duration timeout;
    private final Duration healthDeadline;

    ClusterSteps(List<EtcdMemberSpec> members, String etcdctl, Duration timeout, Duration healthDeadline) {
        this.members = members;
        this.etcdctl = etcdctl;
        this.timeout = timeout;
        this.healthDeadline = healthDeadline;
    }

    List<Step> steps() {
        return List.of(
                Step.of("etcd cluster: healthy", ctx -> health(ctx).ok(), this::awaitHealthy),
                Step.of("etcd cluster: membership", ctx -> membershipProblem(ctx).isEmpty(), this::checkMembership));
    }

    private Etcdctl etcdctl() {
        return Etcdctl.of(members.get(0).host()).withProgram(etcdctl)
                .withEndpoints(members.stream().map(EtcdMemberSpec::clientUrl).toList());
    }

    private String endpoints() {
        return members.stream().map(EtcdMemberSpec::clientUrl).collect(Collectors.joining(","));
    }

    private ExecResult health(StepContext context) {
        return etcdctl().exec(context.executor(), timeout, "endpoint", "health");
    }

    private void awaitHealthy(StepContext context) {
        RetryPolicy<ExecResult> untilHealthy = RetryPolicy.<ExecResult>builder()
                .handleResultIf(result -> !result.ok())
                .withDelay(POLL)
                .withMaxRetries(-1)
                .withMaxDuration(healthDeadline)
                .build();
        ExecResult last = Failsafe.with(untilHealthy).get(() -> health(context));
        if (!last.ok()) {
            throw new GantryException("etcd cluster " + endpoints() + " not healthy within " + healthDeadline + ": "
                    + (last.stdout() + last.stderr()).strip());
        }
    }

    private void checkMembership(StepContext context) {
        String problem = membershipProblem(context);
        if (!problem.isEmpty()) {
            throw new GantryException(problem);
        }
    }

    /** Empty when the members are exactly the planned names and peer URLs, else what differs. */
    private String membershipProblem(StepContext context) {
        ExecResult list = etcdctl().exec(context.executor(), timeout, "member", "list", "-w", "json");
        if (!list.ok()) {
            return "etcdctl member list failed (exit " + list.exit() + "): " + list.stderr().strip();
        }
        Map<String, String> expected = new TreeMap<>();
        members.forEach(m -> expected.put(m.name(), m.peerUrl()));
        Map<String, String> actual = new TreeMap<>();
        EtcdMemberList.parse(list.stdout(), "etcdctl member list on " + members.get(0).host().name()).members()
                .forEach(m -> actual.put(m.name(), m.peerUrls().stream().findFirst().orElse("")));
        return expected.equals(actual) ? ""
                : "etcd membership differs from the plan: expected " + expected + ", found " + actual;
    }
}
