package dev.gantry.core.etcd;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The status one etcd member reports ({@code /v3/maintenance/status}). Ids are unsigned 64 bits
 * held in a {@code long} (see {@link EtcdMember}); a leader id of {@code 0} means the member knows
 * no leader.
 *
 * <pre>{@code
 * EtcdStatus status = EtcdStatus.parse(answer, "POST /v3/maintenance/status");
 * status.hasLeader();   // false while the members elect one
 * }</pre>
 *
 * @param clusterId the cluster id
 * @param memberId the id of the member that answered
 * @param version the etcd server version, e.g. {@code 3.4.23}
 * @param dbSizeBytes the size of the backend database file
 * @param leaderId the leader the member follows, {@code 0} for none
 * @param raftTerm the member's raft term
 * @param learner whether the answering member is a learner (etcd 3.4 and later)
 * @param errors problems the member reports, e.g. {@code etcdserver: no leader} or an alarm
 */
public record EtcdStatus(long clusterId, long memberId, String version, long dbSizeBytes, long leaderId,
        long raftTerm, boolean learner, List<String> errors) {

    /** Validates the fields and copies the errors. */
    public EtcdStatus {
        Objects.requireNonNull(version, "version");
        errors = List.copyOf(errors);
    }

    /**
     * Reads the answer of the gateway's {@code POST /v3/maintenance/status}.
     *
     * @param json the answer
     * @param sourceName where it came from, for failure messages
     * @return the status
     * @throws dev.gantry.core.ParseException naming the source and the field when the answer has
     *     another shape
     */
    public static EtcdStatus parse(String json, String sourceName) {
        EtcdJson.Root root = EtcdJson.read(json, sourceName, "a JSON status");
        EtcdJson r = root.reader();
        JsonNode tree = root.tree();
        JsonNode header = r.object(tree, "header", "; is this etcd's client port?");
        return new EtcdStatus(r.unsigned(header, "cluster_id"), r.unsigned(header, "member_id"),
                r.text(tree, "version", true), r.optionalUnsigned(tree, "dbSize"), r.optionalUnsigned(tree, "leader"),
                r.optionalUnsigned(tree, "raftTerm"), r.flag(tree, "isLearner"), r.texts(tree, "errors"));
    }

    /**
     * Tells whether the member follows a leader.
     *
     * @return whether a leader is known
     */
    public boolean hasLeader() {
        return leaderId != 0;
    }

    /**
     * Tells whether the answering member is the leader.
     *
     * @return whether it leads
     */
    public boolean isLeader() {
        return hasLeader() && leaderId == memberId;
    }

    /**
     * Describes the status with ids in hex.
     *
     * @return the member, cluster, version, leader, term, size and errors
     */
    @Override
    public String toString() {
        return "EtcdStatus[member " + Long.toHexString(memberId) + ", cluster " + Long.toHexString(clusterId)
                + ", version " + version + ", leader " + (hasLeader() ? Long.toHexString(leaderId) : "none")
                + ", term " + raftTerm + ", db " + dbSizeBytes + " bytes" + (learner ? ", learner" : "")
                + (errors.isEmpty() ? "" : ", errors " + errors) + "]";
    }
}
