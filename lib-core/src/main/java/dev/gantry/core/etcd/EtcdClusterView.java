package dev.gantry.core.etcd;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What was read from an etcd cluster at one moment: its members, which of them answered healthy,
 * the active alarms, the leader, and the endpoints that could not be read. {@link EtcdClusterCheck}
 * judges it and {@link QuorumGuard} projects changes on it.
 *
 * <p>Quorum is counted over voting members (learners hold no vote): {@code quorum = voting / 2 + 1}.
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
     * @param newAlarms the active alarms
     * @return a copy with these alarms
     */
    public EtcdClusterView withAlarms(List<EtcdAlarm> newAlarms) {
        return new EtcdClusterView(clusterId, members, healthyIds, newAlarms, leaderId, endpointErrors);
    }

    /**
     * @param newLeaderId the leader's id, {@code 0} for none
     * @return a copy with this leader
     */
    public EtcdClusterView withLeader(long newLeaderId) {
        return new EtcdClusterView(clusterId, members, healthyIds, alarms, newLeaderId, endpointErrors);
    }

    /**
     * @param name a member name
     * @return the member of that name, if listed
     */
    public Optional<EtcdMember> member(String name) {
        Objects.requireNonNull(name, "name");
        return members.stream().filter(m -> m.started() && m.name().equals(name)).findFirst();
    }

    /**
     * @param id a member id
     * @return the member with that id, if listed
     */
    public Optional<EtcdMember> member(long id) {
        return members.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * @param member a member of this cluster
     * @return whether it has started and answered healthy
     */
    public boolean isHealthy(EtcdMember member) {
        return member.started() && healthyIds.contains(member.id());
    }

    /** @return the members that vote, i.e. all but learners */
    public List<EtcdMember> voting() {
        return members.stream().filter(m -> !m.learner()).toList();
    }

    /** @return the learners */
    public List<EtcdMember> learners() {
        return members.stream().filter(EtcdMember::learner).toList();
    }

    /** @return every member, voting or not, that is not healthy */
    public List<EtcdMember> unhealthy() {
        return members.stream().filter(m -> !isHealthy(m)).toList();
    }

    /** @return how many voting members are healthy */
    public int healthyVoting() {
        return (int) voting().stream().filter(this::isHealthy).count();
    }

    /** @return the number of healthy voting members needed to commit: {@code voting / 2 + 1} */
    public int quorum() {
        return quorumOf(voting().size());
    }

    /** @return how many more voting members may fail before quorum is lost; 0 when it already is */
    public int tolerates() {
        return Math.max(0, healthyVoting() - quorum());
    }

    /** @return whether enough voting members are healthy to commit */
    public boolean hasQuorum() {
        return !voting().isEmpty() && healthyVoting() >= quorum();
    }

    /** @return the leader, when one was reported and is listed */
    public Optional<EtcdMember> leader() {
        return leaderId == 0 ? Optional.empty() : member(leaderId);
    }

    /** @return the members' labels, comma separated, e.g. {@code e1, e3} */
    static String labels(List<EtcdMember> list) {
        return list.stream().map(EtcdMember::label).collect(Collectors.joining(", "));
    }

    static int quorumOf(int voting) {
        return voting / 2 + 1;
    }

    /** @return the view with ids in hex */
    @Override
    public String toString() {
        return "EtcdClusterView[cluster " + Long.toHexString(clusterId) + ", " + healthyVoting() + " of "
                + voting().size() + " voting members healthy, quorum " + quorum() + ", members " + members
                + ", leader " + (leaderId == 0 ? "none" : Long.toHexString(leaderId)) + ", alarms " + alarms
                + ", endpoint errors " + endpointErrors + "]";
    }
}
