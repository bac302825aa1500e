package dev.gantry.health.etcd;

import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdMember;
import dev.gantry.health.CheckResult;
import dev.gantry.health.HealthCheck;
import dev.gantry.health.HttpEndpoint;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The health of a whole etcd cluster, read from every member's client endpoint at once.
 *
 * <p>Each {@link #check()} calls {@code /health}, {@code /v3/maintenance/status}, {@code
 * /v3/cluster/member/list} and {@code /v3/maintenance/alarm} on every endpoint concurrently, each
 * call bounded by its endpoint's timeout, so a check returns within the longest endpoint timeout
 * plus one second however many members hang. Give it every member's client URL: a member none of
 * whose endpoints answered healthy counts as down. The result, in this order of precedence:
 * <ul>
 *   <li>{@code DOWN ETCD-UNREACHABLE}: no endpoint answered the member list;</li>
 *   <li>{@code DOWN ETCD-ALARM}: an alarm such as {@code NOSPACE} or {@code CORRUPT} is active;</li>
 *   <li>{@code DOWN ETCD-QUORUM-LOST}: fewer than the {@link dev.gantry.core.etcd.Quorum quorum} of the
 *       voting members are healthy;</li>
 *   <li>{@code DOWN ETCD-LEADER-MISSING}: quorum holds but no member reports a leader;</li>
 *   <li>{@code DEGRADED ETCD-MEMBER-DOWN}: quorum holds but a member is down, unreachable, or has
 *       not started;</li>
 *   <li>{@code UP ETCD-OK}: every member is healthy.</li>
 * </ul>
 * Details: {@code members}, {@code voting}, {@code learners}, {@code healthy} (voting members),
 * {@code quorum}, {@code tolerates} (further voting failures quorum survives), {@code leader}
 * and {@code unhealthy} (labels).
 *
 * <pre>{@code
 * try (EtcdClusterCheck etcd = EtcdClusterCheck.of(HttpEndpoint.of("http://10.0.1.11:2379"),
 *         HttpEndpoint.of("http://10.0.1.12:2379"), HttpEndpoint.of("http://10.0.1.13:2379"))) {
 *     CheckResult result = etcd.check();     // e.g. DEGRADED ETCD-MEMBER-DOWN, 2 of 3 healthy
 * }
 * }</pre>
 *
 * <p>Thread-safe. Each read runs on up to four daemon threads per endpoint, which end with the
 * read; {@link #close()} refuses further reads.
 */
public final class EtcdClusterCheck implements HealthCheck, AutoCloseable {

    /** Every member healthy. */
    public static final String OK = "ETCD-OK";
    /** Quorum holds but a member is down, unreachable or not started. */
    public static final String MEMBER_DOWN = "ETCD-MEMBER-DOWN";
    /** Fewer than a majority of voting members are healthy. */
    public static final String QUORUM_LOST = "ETCD-QUORUM-LOST";
    /** An alarm such as NOSPACE or CORRUPT is active. */
    public static final String ALARM = "ETCD-ALARM";
    /** Quorum holds but no member reports a leader. */
    public static final String LEADER_MISSING = "ETCD-LEADER-MISSING";
    /** No endpoint answered. */
    public static final String UNREACHABLE = "ETCD-UNREACHABLE";

    private final List<HttpEndpoint> endpoints;
    private final EtcdClusterReader reader;

    private EtcdClusterCheck(List<HttpEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints must name at least one etcd client URL");
        }
        this.reader = new EtcdClusterReader(this.endpoints.stream().map(EtcdClient::of).toList());
    }

    /**
     * Creates a check of the members behind these endpoints.
     *
     * @param endpoints every member's client endpoint, at least one
     * @return the check; close it when done
     */
    public static EtcdClusterCheck of(List<HttpEndpoint> endpoints) {
        Objects.requireNonNull(endpoints, "endpoints");
        return new EtcdClusterCheck(endpoints);
    }

    /**
     * Creates a check of the members behind these endpoints.
     *
     * @param endpoints every member's client endpoint, at least one
     * @return the check; close it when done
     */
    public static EtcdClusterCheck of(HttpEndpoint... endpoints) {
        return of(Arrays.asList(endpoints));
    }

    /**
     * Returns the endpoints read, in the given order.
     *
     * @return the endpoints read, in the given order
     */
    public List<HttpEndpoint> endpoints() {
        return endpoints;
    }

    /**
     * Reads every endpoint once, concurrently.
     *
     * @return what the endpoints answered; members whose endpoints failed count as unhealthy
     * @throws EtcdException when no endpoint answered the member list
     */
    public EtcdClusterView read() {
        return reader.read();
    }

    /**
     * Reads the cluster and judges it; never throws for what the cluster does.
     *
     * @return the result with a reason code and details
     */
    @Override
    public CheckResult check() {
        try {
            return check(read());
        } catch (EtcdException e) {
            return CheckResult.down(e).withReason(UNREACHABLE);
        }
    }

    /**
     * Judges a view as {@link #check()} does, e.g. one read earlier, read through {@code
     * Etcdctl.view}, or built by hand.
     *
     * @param view the cluster
     * @return the result with a reason code and details
     */
    public static CheckResult check(EtcdClusterView view) {
        Objects.requireNonNull(view, "view");
        return details(verdict(view), view);
    }

    /** Refuses further reads; a read in progress still ends within its deadline. */
    @Override
    public void close() {
        reader.close();
    }

    private static CheckResult verdict(EtcdClusterView view) {
        String counts = view.healthyVoting() + " of " + view.voting().size() + " voting members healthy";
        if (view.members().isEmpty()) {
            return CheckResult.down("etcd lists no members").withReason(UNREACHABLE);
        }
        if (!view.alarms().isEmpty()) {
            return CheckResult.down("etcd alarm active: " + alarms(view)
                    + "; the cluster refuses writes until the cause is fixed and the alarm disarmed").withReason(ALARM);
        }
        if (!view.hasQuorum()) {
            return CheckResult.down("etcd quorum lost: " + counts + ", at least " + view.quorum() + " required; down: "
                    + labels(view.unhealthy())).withReason(QUORUM_LOST);
        }
        if (view.leaderId() == 0) {
            return CheckResult.down("etcd has no leader although " + counts).withReason(LEADER_MISSING);
        }
        if (!view.unhealthy().isEmpty()) {
            return CheckResult.degraded("etcd " + counts + " (quorum " + view.quorum() + ", tolerates "
                    + view.tolerates() + " more); down: " + labels(view.unhealthy()))
                    .withReason(MEMBER_DOWN);
        }
        return CheckResult.up("etcd " + counts + ", leader " + view.leader().map(EtcdMember::label).orElse("unlisted"))
                .withReason(OK);
    }

    private static CheckResult details(CheckResult result, EtcdClusterView view) {
        return result.withDetail("members", view.members().size())
                .withDetail("voting", view.voting().size())
                .withDetail("learners", view.learners().size())
                .withDetail("healthy", view.healthyVoting())
                .withDetail("quorum", view.quorum())
                .withDetail("tolerates", view.tolerates())
                .withDetail("leader", view.leader().map(EtcdMember::label).orElse(""))
                .withDetail("unhealthy", labels(view.unhealthy()));
    }

    private static String labels(List<EtcdMember> members) {
        return members.stream().map(EtcdMember::label).collect(Collectors.joining(", "));
    }

    private static String alarms(EtcdClusterView view) {
        return view.alarms().stream()
                .map(a -> a.type() + " on " + view.member(a.memberId()).map(EtcdMember::label)
                        .orElse(Long.toHexString(a.memberId())))
                .collect(Collectors.joining(", "));
    }

    /**
     * Returns the endpoints read.
     *
     * @return the endpoints read
     */
    @Override
    public String toString() {
        return "EtcdClusterCheck" + endpoints;
    }
}
