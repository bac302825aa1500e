package dev.gantry.core.etcd;

import java.util.List;
import java.util.Objects;

/**
 * One member of an etcd cluster as {@code /v3/cluster/member/list} reports it.
 *
 * <p>etcd ids are unsigned 64-bit numbers; {@link #id()} holds the same 64 bits in a Java
 * {@code long}, so ids above {@link Long#MAX_VALUE} are negative there. Print them with {@link
 * #idText()} (decimal, as {@code etcdctl member list -w json} does) or {@link #idHex()} (as the
 * table output does), and compare with {@link #id()}. A member that was added but has not started
 * yet has an empty name and no client URLs.
 *
 * <pre>{@code
 * EtcdMember m = EtcdMember.of(Long.parseUnsignedLong("18279440872267248588"), "cp-1",
 *         List.of("http://10.0.1.11:2380"), List.of("http://10.0.1.11:2379"));
 * m.idHex();     // "fdad9e9fec3ef3cc"
 * }</pre>
 *
 * @param id the member id, unsigned 64 bits
 * @param name the member's {@code --name}; empty while it has not started
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
     * @param id the member id, unsigned 64 bits
     * @param name the member's name
     * @param peerUrls its peer URLs
     * @param clientUrls its client URLs
     * @return a started, voting member
     */
    public static EtcdMember of(long id, String name, List<String> peerUrls, List<String> clientUrls) {
        return new EtcdMember(id, name, peerUrls, clientUrls, false);
    }

    /**
     * @param isLearner whether the member is a learner
     * @return a copy with the learner flag set
     */
    public EtcdMember withLearner(boolean isLearner) {
        return new EtcdMember(id, name, peerUrls, clientUrls, isLearner);
    }

    /** @return whether the member has started and announced its name; a new member has not */
    public boolean started() {
        return !name.isEmpty();
    }

    /** @return the id as an unsigned decimal, e.g. {@code 18279440872267248588} */
    public String idText() {
        return Long.toUnsignedString(id);
    }

    /** @return the id in hex, as {@code etcdctl member list} prints it, e.g. {@code fdad9e9fec3ef3cc} */
    public String idHex() {
        return Long.toHexString(id);
    }

    /** @return the name, or {@code unstarted <hex id>} for a member that has not started */
    public String label() {
        return started() ? name : "unstarted " + idHex();
    }

    /** @return the member with its id in hex */
    @Override
    public String toString() {
        return "EtcdMember[" + idHex() + " " + label() + (learner ? " learner" : "") + ", peer " + peerUrls
                + ", client " + clientUrls + "]";
    }
}
