package dev.gantry.core.controlplane;

/**
 * The rules a control-plane plan must meet to count as highly available.
 *
 * <p>The rules apply to the <em>voting etcd members</em>: the control-plane machines when etcd is
 * {@linkplain EtcdTopology#STACKED stacked}, the etcd machines when it is {@linkplain
 * EtcdTopology#EXTERNAL external}.
 *
 * <pre>{@code
 * HaPolicy prod = HaPolicy.ofDefaults();                 // 3..7 members, odd, survives losing any domain
 * HaPolicy big = HaPolicy.ofDefaults().withMaxMembers(9);
 * HaPolicy dev = HaPolicy.singleNode();                // one machine is fine
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param minMembers the fewest voting members (finding {@code HA-TOO-FEW-MEMBERS}); at least 1
 * @param maxMembers the most voting members (finding {@code HA-TOO-MANY-MEMBERS}); at least
 *     {@code minMembers}
 * @param oddMembers whether an even number of voting members fails (finding {@code
 *     HA-QUORUM-EVEN}): an even count tolerates no more failures than one member fewer
 * @param survivesDomainLoss whether losing any single failure domain must leave a quorum (finding
 *     {@code HA-ZONE-LOSS-BREAKS-QUORUM})
 */
public record HaPolicy(int minMembers, int maxMembers, boolean oddMembers, boolean survivesDomainLoss) {

    /**
     * Validates the bounds.
     *
     * @throws IllegalArgumentException when {@code minMembers < 1} or {@code maxMembers < minMembers}
     */
    public HaPolicy {
        if (minMembers < 1) {
            throw new IllegalArgumentException("minMembers must be at least 1 but was " + minMembers);
        }
        if (maxMembers < minMembers) {
            throw new IllegalArgumentException("maxMembers (" + maxMembers + ") must be at least minMembers ("
                    + minMembers + ")");
        }
    }

    /**
     * Returns the production policy: at least 3 and at most 7 voting members (etcd's advice), an
     * odd number of them, and no failure domain whose loss breaks the quorum.
     *
     * @return the default policy
     */
    public static HaPolicy ofDefaults() {
        return new HaPolicy(3, 7, true, true);
    }

    /**
     * Returns a policy for development clusters that accepts a single voting member and does not
     * require surviving the loss of a failure domain; even member counts still fail, as they only
     * add risk.
     *
     * @return 1..7 members, odd, no failure-domain rule
     */
    public static HaPolicy singleNode() {
        return new HaPolicy(1, 7, true, false);
    }

    /**
     * Returns a copy with another minimum.
     *
     * @param newMinMembers the fewest voting members; at least 1 and at most {@link #maxMembers()}
     * @return the copy
     */
    public HaPolicy withMinMembers(int newMinMembers) {
        return new HaPolicy(newMinMembers, maxMembers, oddMembers, survivesDomainLoss);
    }

    /**
     * Returns a copy with another maximum.
     *
     * @param newMaxMembers the most voting members; at least {@link #minMembers()}
     * @return the copy
     */
    public HaPolicy withMaxMembers(int newMaxMembers) {
        return new HaPolicy(minMembers, newMaxMembers, oddMembers, survivesDomainLoss);
    }

    /**
     * Returns a copy that does or does not require an odd number of voting members.
     *
     * @param required {@code true} to fail even counts
     * @return the copy
     */
    public HaPolicy withOddMembers(boolean required) {
        return new HaPolicy(minMembers, maxMembers, required, survivesDomainLoss);
    }

    /**
     * Returns a copy that does or does not require surviving the loss of any one failure domain.
     *
     * @param required {@code true} to fail plans where one domain holds too many voting members
     * @return the copy
     */
    public HaPolicy withSurvivesDomainLoss(boolean required) {
        return new HaPolicy(minMembers, maxMembers, oddMembers, required);
    }
}
