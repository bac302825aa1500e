package dev.gantry.core.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells failures worth retrying from failures a retry would only make worse, by the messages of
 * an exception and its causes (executors and steps put the tool's stderr in their messages).
 *
 * <p><b>Transient</b>, retried by {@link Retry#onTransient}: a restart or an election in progress.
 * <ul>
 *   <li>{@code etcdserver: leader changed} (an election during the call);
 *   <li>{@code etcdserver: too many learner members in cluster} (another member is still joining
 *       as a learner; etcd allows one at a time);
 *   <li>{@code etcdserver: request timed out} (a proposal not committed in time, typical right
 *       after a member restarts);
 *   <li>{@code connection refused} (a daemon or sshd restarting).
 * </ul>
 *
 * <p><b>Quorum loss</b>, never retried by any {@link Retry}: retrying membership changes or
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
public final class Transient {

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

    private Transient() {}

    /**
     * @param failure a step's failure
     * @return whether it is a known transient failure and not a quorum loss
     */
    public static boolean isTransient(Throwable failure) {
        return !isQuorumLoss(failure) && mentions(failure, TRANSIENT_MESSAGES);
    }

    /**
     * @param failure a step's failure
     * @return whether it says the etcd cluster has no quorum (or a change would cost it)
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
