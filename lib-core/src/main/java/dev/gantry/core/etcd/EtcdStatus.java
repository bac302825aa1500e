package dev.gantry.core.etcd;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code /v3/maintenance/status} from one member. Ids are unsigned 64 bits held in
 * a {@code long} (see {@link EtcdMember}); a leader id of {@code 0} means the member knows no
 * leader.
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

    /** @return whether the member follows a leader */
    public boolean hasLeader() {
        return leaderId != 0;
    }

    /** @return whether the answering member is the leader */
    public boolean isLeader() {
        return hasLeader() && leaderId == memberId;
    }

    /** @return the values with ids in hex */
    @Override
    public String toString() {
        return "EtcdStatus[member " + Long.toHexString(memberId) + ", cluster " + Long.toHexString(clusterId)
                + ", version " + version + ", leader " + (hasLeader() ? Long.toHexString(leaderId) : "none")
                + ", term " + raftTerm + ", db " + dbSizeBytes + " bytes" + (learner ? ", learner" : "")
                + (errors.isEmpty() ? "" : ", errors " + errors) + "]";
    }
}
