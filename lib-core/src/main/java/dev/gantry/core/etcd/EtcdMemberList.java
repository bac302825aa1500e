package dev.gantry.core.etcd;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code /v3/cluster/member/list}: the cluster, the member that answered, and every
 * member. Ids are unsigned 64 bits held in a {@code long} (see {@link EtcdMember}).
 *
 * @param clusterId the cluster id from the answer's header
 * @param respondingMemberId the id of the member that answered
 * @param members every member, learners and unstarted ones included, in etcd's order
 */
public record EtcdMemberList(long clusterId, long respondingMemberId, List<EtcdMember> members) {

    /** Copies the list. */
    public EtcdMemberList {
        members = List.copyOf(members);
    }

    /**
     * @param id a member id
     * @return the member with that id, if listed
     */
    public Optional<EtcdMember> byId(long id) {
        return members.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * @param name a member name
     * @return the member with that name, if listed
     */
    public Optional<EtcdMember> byName(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** @return the cluster id as an unsigned decimal */
    public String clusterIdText() {
        return Long.toUnsignedString(clusterId);
    }

    /** @return the ids in unsigned form and the members */
    @Override
    public String toString() {
        return "EtcdMemberList[cluster " + Long.toHexString(clusterId) + ", answered by "
                + Long.toHexString(respondingMemberId) + ", " + members + "]";
    }
}
