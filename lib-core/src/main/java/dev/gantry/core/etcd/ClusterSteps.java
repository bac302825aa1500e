package dev.gantry.core.etcd;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.gantry.core.GantryException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cluster-wide checks: every endpoint healthy, and the membership exactly the planned one. */
final class ClusterSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
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

    private Host host() {
        return members.get(0).host();
    }

    private String endpoints() {
        return members.stream().map(EtcdMemberSpec::clientUrl).collect(Collectors.joining(","));
    }

    private ExecResult etcdctl(StepContext context, String... args) {
        List<String> argv = new ArrayList<>(List.of(etcdctl, "--endpoints=" + endpoints(), "--dial-timeout=2s",
                "--command-timeout=5s"));
        argv.addAll(List.of(args));
        return context.executor().exec(host(), argv, timeout);
    }

    private ExecResult health(StepContext context) {
        return etcdctl(context, "endpoint", "health");
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
        ExecResult list = etcdctl(context, "member", "list", "-w", "json");
        if (!list.ok()) {
            return "etcdctl member list failed (exit " + list.exit() + "): " + list.stderr().strip();
        }
        Map<String, String> expected = new TreeMap<>();
        members.forEach(m -> expected.put(m.name(), m.peerUrl()));
        Map<String, String> actual = parseMembers(list.stdout());
        return expected.equals(actual) ? ""
                : "etcd membership differs from the plan: expected " + expected + ", found " + actual;
    }

    /** Name to first peer URL, from {@code etcdctl member list -w json}; IDs are ignored (they exceed long). */
    static Map<String, String> parseMembers(String json) {
        try {
            Map<String, String> members = new TreeMap<>();
            for (JsonNode member : JSON.readTree(json).path("members")) {
                members.put(member.path("name").asString(""), member.path("peerURLs").path(0).asString(""));
            }
            return members;
        } catch (JacksonException e) {
            throw new GantryException("etcdctl member list printed no JSON: " + e.getOriginalMessage(), e);
        }
    }
}
