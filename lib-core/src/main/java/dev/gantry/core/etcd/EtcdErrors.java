package dev.gantry.core.etcd;

import dev.gantry.core.workflow.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies etcd failures: those worth retrying from those a retry would only make worse, by the
 * messages of an exception and its causes (executors and steps put the tool's stderr in their
 * messages). {@link #retry(int, Duration)} builds the workflow {@link Retry} that uses both.
 *
 * <pre>{@code
 * Step add = Step.of("add member e4", ctx -> listed(ctx), ctx -> add(ctx))
 *         .withRetry(EtcdErrors.retry(5, Duration.ofSeconds(2)));
 * // the same by hand:
 * Retry.when(5, Duration.ofSeconds(2), EtcdErrors::isTransient).abortOn(EtcdErrors::isQuorumLoss);
 * }</pre>
 *
 * <p><b>Transient</b>: a restart or an election in progress.
 * <ul>
 *   <li>{@code etcdserver: leader changed} (an election during the call);
 *   <li>{@code etcdserver: too many learner members in cluster} (another member is still joining
 *       as a learner; etcd allows one at a time);
 *   <li>{@code etcdserver: request timed out} (a proposal not committed in time, typical right
 *       after a member restarts);
 *   <li>{@code connection refused} (a daemon or sshd restarting).
 * </ul>
 *
 * <p><b>Quorum loss</b>, which aborts the retries of {@link #retry}: retrying membership changes or
 * writes against a cluster without a leader cannot succeed and can leave half-applied changes.
 * <ul>
 *   <li>{@code etcdserver: no leader} (what {@code etcdctl endpoint status} reports once a
 *       majority is gone);
 *   <li>{@code etcdserver: unhealthy cluster} (etcd refusing a membership change that would cost
 *       quorum, {@code --strict-reconfig-check}).
 * </ul>
 *
 * <p>{@code context deadline exceeded} is neither: etcd prints it for a slow member and for a lost
 * quorum alike, so it is not retried on its own. Stateless and thread-safe.
 */
public final class EtcdErrors {

    /** Lower-case message fragments of transient failures. */
    public static final List<String> TRANSIENT_MESSAGES = List.of(
            "etcdserver: leader changed",
            "etcdserver: too many learner members in cluster",
            "etcdserver: request timed out",
            "connection refused");

    /** Lower-case message fragments that mean the etcd cluster has lost, or would lose, quorum. */
    public static final List<String> QUORUM_LOSS_MESSAGES = List.of(
            "etcdserver: no leader",
            "etcdserver: unhealthy cluster");

    private EtcdErrors() {}

    /**
     * Returns a retry of {@link #isTransient transient} failures that stops at once on a {@link
     * #isQuorumLoss quorum loss}, with a fixed delay.
     *
     * @param maxAttempts attempts in all, at least 1
     * @param delay the pause between attempts
     * @return the retry
     */
    public static Retry retry(int maxAttempts, Duration delay) {
        return Retry.when(maxAttempts, delay, EtcdErrors::isTransient).abortOn(EtcdErrors::isQuorumLoss);
    }

    /**
     * Tells whether a failure is a known transient one and not a quorum loss.
     *
     * @param failure a step's failure
     * @return whether a retry may succeed
     */
    public static boolean isTransient(Throwable failure) {
        return !isQuorumLoss(failure) && mentions(failure, TRANSIENT_MESSAGES);
    }

    /**
     * Tells whether a failure says the etcd cluster has no quorum, or that a change would cost it.
     *
     * @param failure a step's failure
     * @return whether it is a quorum loss
     */
    public static boolean isQuorumLoss(Throwable failure) {
        return mentions(failure, QUORUM_LOSS_MESSAGES);
    }

    private static boolean mentions(Throwable failure, List<String> fragments) {
        for (String message : messages(failure)) {
            String lower = message.toLowerCase(Locale.ROOT);
            if (fragments.stream().anyMatch(lower::contains)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 20; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage());
            }
        }
        return messages;
    }
}
