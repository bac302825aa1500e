package dev.gantry.core.etcd;

import java.util.List;
import java.util.Objects;

/**
 * Says whether adding, removing or restarting one etcd member keeps quorum, so that joins,
 * reboots, patching, drains, scale-down and remediation can be gated on it. The rules follow
 * Cluster API's KubeadmControlPlane quorum projection ({@code targetEtcdClusterHealthy}), worst
 * case first:
 * <ul>
 *   <li>quorum is {@link Quorum#size()} over voting members; learners hold no vote;</li>
 *   <li>a member that has not started (no name yet) counts as unhealthy, as does one whose
 *       endpoints did not answer healthy;</li>
 *   <li><b>remove</b>: any learner other than the member blocks it (a join is in flight); the
 *       cluster must have quorum now to commit the change; and after it the remaining voting
 *       members, less the unhealthy ones, must still reach the new quorum. Removing the last
 *       voting member is refused. Removing a learner is allowed, since it holds no vote;</li>
 *   <li><b>restart</b>: the membership stays, the member is down meanwhile; the healthy voting
 *       members other than it must reach quorum. Restarting a learner is allowed.</li>
 *   <li><b>join</b>: any learner blocks it (etcd takes one at a time); the new member counts as
 *       down until it has caught up, so the healthy voting members must reach the quorum of the
 *       grown cluster. The first join to a single member needs that member healthy.</li>
 * </ul>
 *
 * <pre>{@code
 * QuorumGuard guard = QuorumGuard.of(etcdCheck.read());
 * guard.canJoin().orThrow();
 * guard.canRemove(guard.view().member("cp-3").orElseThrow()).orThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe; it judges the view it was given, so read a fresh view right before
 * each change.
 */
public final class QuorumGuard {

    /** The change keeps quorum. */
    public static final String SAFE = "ETCD-GUARD-SAFE";
    /** The change would leave fewer healthy voting members than quorum. */
    public static final String QUORUM_AT_RISK = "ETCD-GUARD-QUORUM-AT-RISK";
    /** A learner is present; membership changes wait until it is promoted or removed. */
    public static final String LEARNER_PRESENT = "ETCD-GUARD-LEARNER-PRESENT";
    /** The cluster has no quorum now, so it cannot commit a membership change. */
    public static final String NO_QUORUM = "ETCD-GUARD-NO-QUORUM";
    /** The member is the last voting member. */
    public static final String LAST_MEMBER = "ETCD-GUARD-LAST-MEMBER";
    /** The member is not in the view. */
    public static final String UNKNOWN_MEMBER = "ETCD-GUARD-UNKNOWN-MEMBER";
    /** The member is a learner, which holds no vote. */
    public static final String LEARNER = "ETCD-GUARD-LEARNER";
    /** The view lists no voting member, so there is no cluster to change. */
    public static final String NO_MEMBERS = "ETCD-GUARD-NO-MEMBERS";

    private final EtcdClusterView view;

    private QuorumGuard(EtcdClusterView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    /**
     * Creates a guard judging a view.
     *
     * @param view the cluster as just read, e.g. by {@code EtcdClusterCheck.read()} or {@link
     *     Etcdctl#view}
     * @return the guard
     */
    public static QuorumGuard of(EtcdClusterView view) {
        return new QuorumGuard(view);
    }

    /**
     * Returns the view this guard judges.
     *
     * @return the view
     */
    public EtcdClusterView view() {
        return view;
    }

    /**
     * Whether removing {@code member} from the cluster keeps quorum.
     *
     * @param member a member of the view
     * @return the decision with its reason
     */
    public QuorumDecision canRemove(EtcdMember member) {
        Objects.requireNonNull(member, "member");
        if (view.member(member.id()).isEmpty()) {
            return unknown(member);
        }
        if (member.learner()) {
            return QuorumDecision.allow(LEARNER, member.label() + " is a learner and holds no vote");
        }
        List<EtcdMember> learners = view.learners();
        if (!learners.isEmpty()) {
            return QuorumDecision.refuse(LEARNER_PRESENT, "learner " + EtcdClusterView.labels(learners)
                    + " is present; promote or remove it before removing " + member.label());
        }
        if (view.voting().size() == 1) {
            return QuorumDecision.refuse(LAST_MEMBER, member.label() + " is the last voting member");
        }
        if (!view.hasQuorum()) {
            return QuorumDecision.refuse(NO_QUORUM, "only " + view.healthyVoting() + " of " + view.voting().size()
                    + " voting members are healthy, fewer than the quorum of " + view.quorum()
                    + ", so the cluster cannot commit the removal");
        }
        List<EtcdMember> remaining = view.voting().stream().filter(m -> m.id() != member.id()).toList();
        return project("removing", member, remaining.size(), healthy(remaining));
    }

    /**
     * Whether restarting {@code member} (it is down meanwhile) keeps quorum.
     *
     * @param member a member of the view
     * @return the decision with its reason
     */
    public QuorumDecision canRestart(EtcdMember member) {
        Objects.requireNonNull(member, "member");
        if (view.member(member.id()).isEmpty()) {
            return unknown(member);
        }
        if (member.learner()) {
            return QuorumDecision.allow(LEARNER, member.label() + " is a learner and holds no vote");
        }
        List<EtcdMember> others = view.voting().stream().filter(m -> m.id() != member.id()).toList();
        return project("restarting", member, view.voting().size(), healthy(others));
    }

    /**
     * Whether adding one member (a {@code kubeadm join --control-plane} or {@code etcdctl member
     * add}) keeps quorum while the new member catches up.
     *
     * @return the decision with its reason
     */
    public QuorumDecision canJoin() {
        List<EtcdMember> learners = view.learners();
        if (!learners.isEmpty()) {
            return QuorumDecision.refuse(LEARNER_PRESENT, "learner " + EtcdClusterView.labels(learners)
                    + " is not yet promoted; wait until it is in sync and promoted, then join the next member");
        }
        int voting = view.voting().size();
        if (voting == 0) {
            return QuorumDecision.refuse(NO_MEMBERS, "the cluster lists no voting member to join; bootstrap it first");
        }
        int healthy = view.healthyVoting();
        int needed = voting == 1 ? 1 : Quorum.of(voting + 1).size();
        String numbers = healthy + " of " + voting + " voting members are healthy; with the new member counted as"
                + " down, " + (voting + 1) + " members need " + needed + " healthy";
        if (healthy < needed) {
            return QuorumDecision.refuse(QUORUM_AT_RISK, "only " + numbers
                    + ". Repair or remove the failed members first; unhealthy now: " + describeUnhealthy());
        }
        return QuorumDecision.allow(SAFE, numbers);
    }

    private QuorumDecision project(String change, EtcdMember member, int voting, int healthy) {
        int quorum = Quorum.of(Math.max(1, voting)).size();
        String numbers = "while " + change + " " + member.label() + ", " + healthy + " of " + voting
                + " voting members would be healthy and quorum is " + quorum;
        if (voting == 0 || healthy < quorum) {
            return QuorumDecision.refuse(QUORUM_AT_RISK, numbers + "; unhealthy now: "
                    + describeUnhealthy());
        }
        return QuorumDecision.allow(SAFE, numbers);
    }

    private int healthy(List<EtcdMember> members) {
        return (int) members.stream().filter(view::isHealthy).count();
    }

    private String describeUnhealthy() {
        List<EtcdMember> unhealthy = view.unhealthy();
        return unhealthy.isEmpty() ? "none" : EtcdClusterView.labels(unhealthy);
    }

    private static QuorumDecision unknown(EtcdMember member) {
        return QuorumDecision.refuse(UNKNOWN_MEMBER, member.label() + " (" + member.idHex()
                + ") is not a member of this cluster; read the cluster again");
    }

    /**
     * Describes the guard by the view it judges.
     *
     * @return the view
     */
    @Override
    public String toString() {
        return "QuorumGuard[" + view + "]";
    }
}
