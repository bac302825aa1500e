package dev.gantry.health.sync;

import dev.gantry.health.CheckResult;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The pure judgement of a {@link SyncCheck}: turns one read's {@link SyncSignals} into a
 * {@link CheckResult} by the rules and reason codes that {@link SyncCheck} documents, with no
 * clock, state or I/O, so the same signals always give the same result.
 *
 * <p>Immutable and thread-safe.
 */
final class SyncJudgement {

    private final SyncPolicy policy;

    /**
     * Creates the judgement for these thresholds.
     *
     * @param policy the thresholds
     */
    SyncJudgement(SyncPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Judges one read: the first rule that applies, in the documented order, gives the result.
     *
     * @param s what the read showed
     * @return the result, with its reason code and details
     */
    CheckResult judge(SyncSignals s) {
        SyncStatus status = s.status();
        if (status.syncing()) {
            return withEta(detailed(CheckResult.down(syncingMessage(s)), SyncCheck.SYNCING, s), s);
        }
        if (policy.minPeers() > 0 && status.peers().isPresent() && status.peers().getAsInt() < policy.minPeers()) {
            String message = status.peers().getAsInt() + " peers (min " + policy.minPeers() + ") at height "
                    + status.height();
            return detailed(CheckResult.down(message), SyncCheck.NO_PEERS, s);
        }
        if (s.nodeStalled() && !s.networkStalled()) {
            return detailed(CheckResult.down(stalledMessage(s) + peers(s)), SyncCheck.STALLED, s);
        }
        if (s.lagging() && s.lag().isPresent()) {
            return withEta(detailed(CheckResult.down(laggingMessage(s)), SyncCheck.LAGGING, s), s);
        }
        if (s.everyReferenceUnavailable()) {
            String message = "all " + s.references() + " references unavailable, lag against them not judged; "
                    + position(s) + peers(s);
            return detailed(CheckResult.degraded(message), SyncCheck.REFERENCE_UNAVAILABLE, s);
        }
        if (s.nodeStalled()) {
            String message = stalledMessage(s) + ", nor has any reference: the network seems stalled" + peers(s);
            return detailed(CheckResult.degraded(message), SyncCheck.NETWORK_STALLED, s);
        }
        return detailed(CheckResult.up(position(s) + peers(s)), SyncCheck.OK, s);
    }

    private String syncingMessage(SyncSignals s) {
        return s.lag().isPresent()
                ? "syncing, behind by " + SyncCheck.blocks(s.lag().getAsLong()) + peers(s)
                : "syncing at height " + s.status().height() + peers(s);
    }

    private String laggingMessage(SyncSignals s) {
        long lag = s.lag().getAsLong();
        String behind = "behind by " + SyncCheck.blocks(lag);
        return lag > policy.maxLag()
                ? behind + " (max " + policy.maxLag() + ")" + peers(s)
                : behind + ", ready again at a lag of " + policy.resumeLag() + " or less" + peers(s);
    }

    private String stalledMessage(SyncSignals s) {
        String max = policy.maxStall().map(d -> " (max " + d.toSeconds() + " s)").orElse("");
        return "height " + s.status().height() + " has not advanced for " + s.sinceAdvance().toSeconds() + " s" + max;
    }

    private String position(SyncSignals s) {
        long height = s.status().height();
        if (s.lag().isEmpty()) {
            return "at height " + height + ", no network height to compare";
        }
        long lag = s.lag().getAsLong();
        return lag == 0
                ? "in sync at height " + height
                : "at height " + height + ", behind by " + SyncCheck.blocks(lag) + " (max " + policy.maxLag() + ")";
    }

    private static String peers(SyncSignals s) {
        return s.status().peers().isPresent() ? ", " + s.status().peers().getAsInt() + " peers" : "";
    }

    private static CheckResult detailed(CheckResult result, String reason, SyncSignals s) {
        SyncStatus status = s.status();
        CheckResult detailed = result.withReason(reason).withDetail(CheckResult.HEIGHT, status.height());
        if (s.networkHeight().isPresent()) {
            detailed = detailed.withDetail(CheckResult.NETWORK_HEIGHT, s.networkHeight().getAsLong())
                    .withDetail(CheckResult.LAG, s.lag().getAsLong());
        }
        if (status.peers().isPresent()) {
            detailed = detailed.withDetail(CheckResult.PEERS, (long) status.peers().getAsInt());
        }
        detailed = detailed.withDetail(CheckResult.SECONDS_SINCE_LAST_BLOCK, s.sinceAdvance().toSeconds());
        if (s.referencesUnavailable() > 0) {
            detailed = detailed.withDetail(SyncCheck.REFERENCES_UNAVAILABLE, (long) s.referencesUnavailable());
        }
        return detailed;
    }

    private CheckResult withEta(CheckResult result, SyncSignals s) {
        OptionalDouble rate = s.rate();
        if (s.lag().isEmpty() || s.lag().getAsLong() <= policy.resumeLag() || rate.isEmpty()) {
            return result;
        }
        long seconds = Math.max(1, (long) Math.ceil((s.lag().getAsLong() - policy.resumeLag()) / rate.getAsDouble()));
        return result.withDetail(CheckResult.RETRY_AFTER_SECONDS, seconds)
                .withMessage(result.message() + ", ready in about " + seconds + " s");
    }
}
