package dev.gantry.core.etcd;

/**
 * The quorum arithmetic of a Raft cluster such as etcd: how many voting members must agree, and
 * how many may fail while the rest still do.
 *
 * <pre>{@code
 * Quorum q = Quorum.of(5);
 * q.size();       // 3: a majority
 * q.tolerates();  // 2: members that may fail
 * Quorum.of(4).tolerates();  // 1, no better than 3
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param members the number of voting members; at least 1
 */
public record Quorum(int members) {

    /**
     * Validates the member count.
     *
     * @throws IllegalArgumentException when {@code members} is below 1
     */
    public Quorum {
        if (members < 1) {
            throw new IllegalArgumentException("a quorum needs at least 1 voting member but got " + members);
        }
    }

    /**
     * Returns the quorum of a cluster with the given number of voting members.
     *
     * @param members the number of voting members; at least 1
     * @return the quorum
     * @throws IllegalArgumentException when {@code members} is below 1
     */
    public static Quorum of(int members) {
        return new Quorum(members);
    }

    /**
     * Returns the majority that must be up for the cluster to accept writes: {@code members / 2 + 1}.
     *
     * @return the quorum size
     */
    public int size() {
        return members / 2 + 1;
    }

    /**
     * Returns how many members may fail while a majority is left: {@code (members - 1) / 2}.
     *
     * @return the failures tolerated
     */
    public int tolerates() {
        return (members - 1) / 2;
    }

    /**
     * Tells whether the cluster keeps its quorum with the given number of members still up.
     *
     * @param up the members still up
     * @return {@code true} when {@code up >= size()}
     */
    public boolean survivesWith(int up) {
        return up >= size();
    }

    /**
     * Describes the arithmetic, e.g. {@code Quorum[members=3, size=2, tolerates=1]}.
     *
     * @return the members, quorum size and failures tolerated
     */
    @Override
    public String toString() {
        return "Quorum[members=" + members + ", size=" + size() + ", tolerates=" + tolerates() + "]";
    }
}
