package dev.gantry.core.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The members of an etcd cluster as one member reported them: the cluster, the member that
 * answered, and every member. Ids are unsigned 64 bits held in a {@code long} (see {@link
 * EtcdMember}).
 *
 * <p>{@link #parse(String)} is the one reader of the member-list JSON, for both places it comes
 * from: the answer of the HTTP gateway's {@code POST /v3/cluster/member/list}, where ids are decimal
 * strings, and {@code etcdctl member list -w json}, where they are JSON numbers.
 *
 * <pre>{@code
 * EtcdMemberList list = EtcdMemberList.parse(etcdctlOutput, "etcdctl member list on cp-1");
 * list.byName("cp-2").map(EtcdMember::learner);   // Optional[false]
 * }</pre>
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
     * Reads a member list, naming its source {@code etcd member list} in failures.
     *
     * @param json the gateway's answer or {@code etcdctl member list -w json}'s output
     * @return the member list
     * @throws dev.gantry.core.ParseException when the text is not a member list with at least one member
     */
    public static EtcdMemberList parse(String json) {
        return parse(json, "etcd member list");
    }

    /**
     * Reads a member list. Fields that etcd leaves out when they are zero, false or empty read as
     * those values (a voting member has no {@code isLearner}, an unstarted one no {@code name});
     * any field of the wrong type fails.
     *
     * @param json the gateway's answer or {@code etcdctl member list -w json}'s output
     * @param sourceName where the text came from, for failure messages, e.g. {@code etcdctl on cp-1}
     * @return the member list
     * @throws dev.gantry.core.ParseException naming the source, the field and what was expected
     *     when the text is not a member list with at least one member
     */
    public static EtcdMemberList parse(String json, String sourceName) {
        EtcdJson.Root root = EtcdJson.read(json, sourceName, "a JSON member list");
        EtcdJson reader = root.reader();
        JsonNode header = reader.object(root.tree(), "header", "; is this etcd's member list?");
        List<EtcdMember> list = new ArrayList<>();
        for (JsonNode member : reader.array(root.tree(), "members", "a non-empty array of members", true)) {
            list.add(member(reader, member));
        }
        return new EtcdMemberList(reader.unsigned(header, "cluster_id"), reader.unsigned(header, "member_id"), list);
    }

    private static EtcdMember member(EtcdJson reader, JsonNode member) {
        if (!member.isObject()) {
            throw reader.wrong("members", "an array of member objects", member);
        }
        return new EtcdMember(reader.unsigned(member, "ID"), reader.text(member, "name", false),
                reader.texts(member, "peerURLs"), reader.texts(member, "clientURLs"), reader.flag(member, "isLearner"));
    }

    /**
     * Finds a member by id.
     *
     * @param id a member id
     * @return the member with that id, if listed
     */
    public Optional<EtcdMember> byId(long id) {
        return members.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * Finds a started member by name.
     *
     * @param name a member name
     * @return the member with that name, if listed
     */
    public Optional<EtcdMember> byName(String name) {
        return members.stream().filter(m -> m.started() && m.name().equals(name)).findFirst();
    }

    /**
     * Returns the cluster id as an unsigned decimal.
     *
     * @return the decimal cluster id
     */
    public String clusterIdText() {
        return Long.toUnsignedString(clusterId);
    }

    /**
     * Describes the list with ids in hex.
     *
     * @return the cluster, the answering member and the members
     */
    @Override
    public String toString() {
        return "EtcdMemberList[cluster " + Long.toHexString(clusterId) + ", answered by "
                + Long.toHexString(respondingMemberId) + ", " + members + "]";
    }
}
