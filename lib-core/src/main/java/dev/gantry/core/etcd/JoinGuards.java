package dev.gantry.core.etcd;

import dev.gantry.core.workflow.Guard;
import dev.gantry.core.workflow.StepContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Workflow {@link Guard}s for joining control-plane and etcd members one at a time, re-checked
 * right before each join rather than once at the start of a long run.
 *
 * <pre>{@code
 * Step join = joinStep(cp2)
 *         .guardedBy(JoinGuards.certificateKeyFresh(uploadedAt, clock))
 *         .guardedBy(JoinGuards.quorumAfterJoin(ctx -> Etcdctl.of(first).view(ctx.executor(), TIMEOUT)));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class JoinGuards {

    /** How long kubeadm keeps the {@code kubeadm-certs} Secret and its certificate key: 2 hours. */
    public static final Duration CERTIFICATE_KEY_TTL = Duration.ofHours(2);

    /** The default margin of {@link #certificateKeyFresh(Instant, Clock)}: 10 minutes. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(10);

    private JoinGuards() {}

    /**
     * Blocks a control-plane join once the uploaded certificates expire within 10 minutes; see
     * {@link #certificateKeyFresh(Instant, Clock, Duration)}.
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
     * Blocks a join that could cost etcd its quorum, as {@link QuorumGuard#canJoin()} projects it
     * on the view read right before the join: the new member counts as unhealthy until it has
     * caught up, and a pending learner blocks every join.
     *
     * @param view reads the cluster right before the join, e.g. through {@link Etcdctl#view}
     * @return the guard; its violation starts with the decision's code
     */
    public static Guard quorumAfterJoin(Function<StepContext, EtcdClusterView> view) {
        Objects.requireNonNull(view, "view");
        return context -> violation(QuorumGuard.of(view.apply(context)).canJoin());
    }

    static Optional<String> violation(QuorumDecision decision) {
        return decision.allowed() ? Optional.empty() : Optional.of(decision.code() + ": " + decision.reason());
    }
}
