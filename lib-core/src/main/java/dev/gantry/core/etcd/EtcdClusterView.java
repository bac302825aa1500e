package dev.gantry.core.etcd;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What was read from an etcd cluster at one moment: its members, which of them answered healthy,
 * the active alarms, the leader, and the endpoints that could not be read. The HTTP reader {@code
 * dev.gantry.health.etcd.EtcdClusterCheck} builds and judges it, {@link Etcdctl#view} builds it
 * through {@code etcdctl} on a host, and {@link QuorumGuard} projects changes on it.
 *
 * <p>Quorum is counted over voting members (learners hold no vote), as {@link Quorum} does.
 * A member counts as healthy only when it has started (a new member without a name counts as
 * unhealthy, the worst case) and one of its endpoints answered {@code /health} with true.
 * Ids are unsigned 64 bits held in a {@code long} (see {@link EtcdMember}).
 *
 * <pre>{@code
 * EtcdClusterView view = EtcdClusterView.of(members, Set.of(e1.id(), e2.id()));
 * view.quorum();       // 2 for three voting members
 * view.hasQuorum();    // true: 2 of 3 healthy
 * }</pre>
 *
 * @param clusterId the cluster id, {@code 0} when unknown
 * @param members every member, as the member list reported it
 * @param healthyIds ids of the members whose {@code /health} answered true
 * @param alarms the active alarms
 * @param leaderId the leader the members follow, {@code 0} when none was reported
 * @param endpointErrors per endpoint URL that failed a call, the first failure's message
 */
public record EtcdClusterView(long clusterId, List<EtcdMember> members, Set<Long> healthyIds, List<EtcdAlarm> alarms,
        long leaderId, Map<String, String> endpointErrors) {

    /** Validates the fields and copies the collections. */
    public EtcdClusterView {
        members = List.copyOf(members);
        healthyIds = Set.copyOf(healthyIds);
        alarms = List.copyOf(alarms);
        endpointErrors = Map.copyOf(endpointErrors);
    }

    /**
     * A view without alarms, leader or endpoint errors, e.g. to ask a {@link QuorumGuard} about a
     * cluster known from elsewhere.
     *
     * @param members every member
     * @param healthyIds ids of the healthy members
     * @return the view; its leader is unknown
     */
    public static EtcdClusterView of(List<EtcdMember> members, Set<Long> healthyIds) {
        return new EtcdClusterView(0, members, healthyIds, List.of(), 0, Map.of());
    }

    /**
     * Returns a copy with these alarms.
     *
     * @param newAlarms the active alarms
     * @return the copy
     */
    public EtcdClusterView withAlarms(List<EtcdAlarm> newAlarms) {
        return new EtcdClusterView(clusterId, members, healthyIds, newAlarms, leaderId, endpointErrors);
    }

    /**
     * Returns a copy with this leader.
     *
     * @param newLeaderId the leader's id, {@code 0} for none
     * @return the copy
     */
    public EtcdClusterView withLeader(long newLeaderId) {
        return new EtcdClusterView(clusterId, members, healthyIds, alarms, newLeaderId, endpointErrors);
    }

    /**
     * Finds a started member by name.
     *
     * @param name a member name
     * @return the member of that name, if listed
     */
    public Optional<EtcdMember> member(String name) {
        Objects.requireNonNull(name, "name");
        return members.stream().filter(m -> m.started() && m.name().equals(name)).findFirst();
    }

    /**
     * Finds a member by id.
     *
     * @param id a member id
     * @return the member with that id, if listed
     */
    public Optional<EtcdMember> member(long id) {
        return members.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * Tells whether a member has started and answered healthy.
     *
     * @param member a member of this cluster
     * @return whether it is healthy
     */
    public boolean isHealthy(EtcdMember member) {
        return member.started() && healthyIds.contains(member.id());
    }

    /**
     * Returns the members that vote, i.e. all but learners.
     *
     * @return the voting members
     */
    public List<EtcdMember> voting() {
        return members.stream().filter(m -> !m.learner()).toList();
    }

    /**
     * Returns the learners, which hold no vote.
     *
     * @return the learners
     */
    public List<EtcdMember> learners() {
        return members.stream().filter(EtcdMember::learner).toList();
    }

    /**
     * Returns every member, voting or not, that is not healthy.
     *
     * @return the unhealthy members
     */
    public List<EtcdMember> unhealthy() {
        return members.stream().filter(m -> !isHealthy(m)).toList();
    }

    /**
     * Counts the healthy voting members.
     *
     * @return how many voting members are healthy
     */
    public int healthyVoting() {
        return (int) voting().stream().filter(this::isHealthy).count();
    }

    /**
     * Returns the number of healthy voting members needed to commit, {@link Quorum#size()} of the
     * voting members; 1 when no member votes.
     *
     * @return the quorum size
     */
    public int quorum() {
        return Quorum.of(Math.max(1, voting().size())).size();
    }

    /**
     * Returns how many more voting members may fail before quorum is lost.
     *
     * @return the further failures tolerated; 0 when quorum is already lost
     */
    public int tolerates() {
        return Math.max(0, healthyVoting() - quorum());
    }

    /**
     * Tells whether enough voting members are healthy to commit.
     *
     * @return whether the cluster has quorum
     */
    public boolean hasQuorum() {
        return !voting().isEmpty() && healthyVoting() >= quorum();
    }

    /**
     * Returns the leader, when one was reported and is listed.
     *
     * @return the leader
     */
    public Optional<EtcdMember> leader() {
        return leaderId == 0 ? Optional.empty() : member(leaderId);
    }

    /** The members' labels, comma separated, e.g. {@code e1, e3}. */
    static String labels(List<EtcdMember> list) {
        return list.stream().map(EtcdMember::label).collect(Collectors.joining(", "));
    }

    /**
     * Describes the view with ids in hex.
     *
     * @return the counts, members, leader, alarms and endpoint errors
     */
    @Override
    public String toString() {
        return "EtcdClusterView[cluster " + Long.toHexString(clusterId) + ", " + healthyVoting() + " of "
                + voting().size() + " voting members healthy, quorum " + quorum() + ", members " + members
                + ", leader " + (leaderId == 0 ? "none" : Long.toHexString(leaderId)) + ", alarms " + alarms
                + ", endpoint errors " + endpointErrors + "]";
    }
}
