package dev.gantry.core.etcd;

import java.util.List;
import java.util.Objects;

/**
 * One member of a running etcd cluster as the cluster reports it ({@code member list}): its id,
 * name, URLs and whether it is a learner. The member to provision is an {@link EtcdMemberSpec}.
 *
 * <p>etcd ids are unsigned 64-bit numbers, often above {@link Long#MAX_VALUE}; they are held in a
 * {@code long} with the same bits, so compare them with {@code ==} and print them with {@link
 * #idText()} or {@link #idHex()}. A member that was added but has not started yet has no name and
 * no client URLs.
 *
 * <pre>{@code
 * EtcdMember m = EtcdMemberList.parse(json).members().get(0);
 * m.idHex();    // fdad9e9fec3ef3cc, as etcdctl prints it
 * m.label();    // e1, or "unstarted fdad9e9fec3ef3cc"
 * }</pre>
 *
 * @param id the member id, unsigned 64 bits
 * @param name the member's name; empty while it has not started
 * @param peerUrls its peer URLs
 * @param clientUrls its client URLs; empty while it has not started
 * @param learner whether it is a non-voting learner
 */
public record EtcdMember(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {

    /** Validates the fields and copies the lists. */
    public EtcdMember {
        Objects.requireNonNull(name, "name");
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    /**
     * Creates a started, voting member.
     *
     * @param id the member id, unsigned 64 bits
     * @param name the member's name
     * @param peerUrls its peer URLs
     * @param clientUrls its client URLs
     * @return the member
     */
    public static EtcdMember of(long id, String name, List<String> peerUrls, List<String> clientUrls) {
        return new EtcdMember(id, name, peerUrls, clientUrls, false);
    }

    /**
     * Returns a copy with the learner flag set as given.
     *
     * @param isLearner whether the member is a learner
     * @return the copy
     */
    public EtcdMember withLearner(boolean isLearner) {
        return new EtcdMember(id, name, peerUrls, clientUrls, isLearner);
    }

    /**
     * Tells whether the member has started and announced its name; a member just added has not.
     *
     * @return whether it has a name
     */
    public boolean started() {
        return !name.isEmpty();
    }

    /**
     * Returns the id as an unsigned decimal, e.g. {@code 18279440872267248588}.
     *
     * @return the decimal id
     */
    public String idText() {
        return Long.toUnsignedString(id);
    }

    /**
     * Returns the id in hex, as {@code etcdctl member list} prints it, e.g. {@code fdad9e9fec3ef3cc}.
     *
     * @return the hex id
     */
    public String idHex() {
        return Long.toHexString(id);
    }

    /**
     * Returns the name, or {@code unstarted <hex id>} for a member that has not started.
     *
     * @return a label for messages
     */
    public String label() {
        return started() ? name : "unstarted " + idHex();
    }

    /**
     * Describes the member with its id in hex.
     *
     * @return the id, label, learner flag and URLs
     */
    @Override
    public String toString() {
        return "EtcdMember[" + idHex() + " " + label() + (learner ? " learner" : "") + ", peer " + peerUrls
                + ", client " + clientUrls + "]";
    }
}
