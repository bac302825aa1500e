package dev.gantry.core.etcd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Guard}s for joining control-plane members one at a time, re-checked right before each
 * join rather than once at the start of a long run.
 *
 * <pre>{@code
 * Step join = joinStep(cp2)
 *         .guardedBy(Guards.certificateKeyFresh(uploadedAt, clock))
 *         .guardedBy(Guards.quorumAfterJoin(ctx -> readMembers(ctx)));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Guards {

    /** How long kubeadm keeps the {@code kubeadm-certs} Secret and its certificate key: 2 hours. */
    public static final Duration CERTIFICATE_KEY_TTL = Duration.ofHours(2);

    /** The default margin of {@link #certificateKeyFresh(Instant, Clock)}: 10 minutes. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(10);

    /**
     * Voting members of an etcd cluster as seen right before a join.
     *
     * @param voting members that vote (learners excluded), at least 0
     * @param healthy voting members that are healthy, at most {@code voting}
     * @param learners members that joined as learners and are not yet promoted
     */
    public record Members(int voting, int healthy, int learners) {

        /** Checks that the counts are consistent. */
        public Members {
            if (voting < 0 || healthy < 0 || learners < 0 || healthy > voting) {
                throw new IllegalArgumentException("need 0 <= healthy <= voting and learners >= 0, got voting "
                        + voting + ", healthy " + healthy + ", learners " + learners);
            }
        }
    }

    private Guards() {}

    /**
     * Same as {@link #certificateKeyFresh(Instant, Clock, Duration)} with a 10-minute margin.
     *
     * @param uploadedAt when {@code kubeadm init phase upload-certs --upload-certs} ran
     * @param clock the clock to read now from
     * @return the guard
     */
    public static Guard certificateKeyFresh(Instant uploadedAt, Clock clock) {
        return certificateKeyFresh(uploadedAt, clock, DEFAULT_MARGIN);
    }

    /**
     * Blocks a control-plane join once the uploaded certificates are about to expire: kubeadm
     * deletes them {@link #CERTIFICATE_KEY_TTL 2 hours} after the upload, and a join that starts
     * later fails with "Secret kubeadm-certs was not found".
     *
     * @param uploadedAt when the certificates were uploaded
     * @param clock the clock to read now from
     * @param margin how long before the expiry to stop starting joins (a join takes minutes)
     * @return the guard
     */
    public static Guard certificateKeyFresh(Instant uploadedAt, Clock clock, Duration margin) {
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(margin, "margin");
        Instant lastStart = uploadedAt.plus(CERTIFICATE_KEY_TTL).minus(margin);
        return context -> {
            Instant now = clock.instant();
            if (now.isBefore(lastStart)) {
                return Optional.empty();
            }
            return Optional.of("the certificate key uploaded at " + uploadedAt + " expires at "
                    + uploadedAt.plus(CERTIFICATE_KEY_TTL) + " (now " + now + ", margin " + margin
                    + "); run 'kubeadm init phase upload-certs --upload-certs' on a control plane and use the new key");
        };
    }

    /**
     * Blocks a join that could cost etcd its quorum, with Cluster API's worst-case projection:
     * the new member counts as unhealthy until it has caught up, and a pending learner blocks
     * every join. With {@code n} voting members the join needs {@code (n+1)/2 + 1} healthy ones;
     * the first join to a single member needs that member healthy.
     *
     * @param members reads the membership right before the join (for example through
     *     {@code etcdctl member list} and {@code endpoint health})
     * @return the guard
     */
    public static Guard quorumAfterJoin(Function<StepContext, Members> members) {
        Objects.requireNonNull(members, "members");
        return context -> quorumAfterJoin(members.apply(context));
    }

    static Optional<String> quorumAfterJoin(Members now) {
        if (now.learners() > 0) {
            return Optional.of(now.learners() + " learner(s) not yet promoted; wait until they are in sync and promoted");
        }
        int target = now.voting() + 1;
        int needed = now.voting() <= 1 ? now.voting() : target / 2 + 1;
        if (now.healthy() >= needed) {
            return Optional.empty();
        }
        return Optional.of("only " + now.healthy() + " of " + now.voting() + " voting members are healthy; with the"
                + " new member counted as down, " + target + " members need " + needed
                + " healthy. Repair or remove the failed members first");
    }
}
