package dev.gantry.core.etcd;

import java.util.List;
import java.util.Objects;

/**
 * Says whether removing or restarting one etcd member keeps quorum, so that reboots, patching,
 * drains, scale-down and remediation can be gated on it. The rules follow Cluster API's
 * KubeadmControlPlane quorum projection ({@code targetEtcdClusterHealthy}), worst case first:
 * <ul>
 *   <li>quorum is {@code voting / 2 + 1} over voting members; learners hold no vote;</li>
 *   <li>a member that has not started (no name yet) counts as unhealthy, as does one whose
 *       endpoints did not answer healthy;</li>
 *   <li><b>remove</b>: any learner other than the member blocks it (a join is in flight); the
 *       cluster must have quorum now to commit the change; and after it the remaining voting
 *       members, less the unhealthy ones, must still reach the new quorum. Removing the last
 *       voting member is refused. Removing a learner is allowed, since it holds no vote;</li>
 *   <li><b>restart</b>: the membership stays, the member is down meanwhile; the healthy voting
 *       members other than it must reach quorum. Restarting a learner is allowed.</li>
 * </ul>
 *
 * <pre>{@code
 * QuorumGuard guard = QuorumGuard.of(etcdCheck.read());
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

    private final EtcdClusterView view;

    private QuorumGuard(EtcdClusterView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    /**
     * @param view the cluster as just read, e.g. from {@link EtcdClusterCheck#read()}
     * @return a guard judging that view
     */
    public static QuorumGuard of(EtcdClusterView view) {
        return new QuorumGuard(view);
    }

    /** @return the view this guard judges */
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

    private QuorumDecision project(String change, EtcdMember member, int voting, int healthy) {
        int quorum = EtcdClusterView.quorumOf(voting);
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

    /** @return the view judged */
    @Override
    public String toString() {
        return "QuorumGuard[" + view + "]";
    }
}
